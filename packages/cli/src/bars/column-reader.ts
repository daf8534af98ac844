// The common bar file read straight from its bytes into columns: CSV with LF or CR LF breaks (line-ends.ts)
// and no quote but around whole cells (quotes.ts), one series (no Symbol column), YYYY-MM-DD dates or ISO
// datetimes of one shape (time-shape.ts), plain decimals. No string,
// and no Bar object, is made per row; the rows are read by WebAssembly (row-module.ts) where there is
// WebAssembly, by RowReader elsewhere. Anything else, valid or not, is left to readSeries, which reads
// every file the CLI takes and names the row of each error, so what a user sees does not depend on which
// reader ran.

import { CARRIAGE_RETURN, NEWLINE, QUOTE } from "./char-codes";
import { ColumnSeries } from "./column-series";
import { jsonAsCsv, startsJsonArray } from "./json-rows";
import { copiedInto, linesEndingInLf, withoutReturns } from "./line-ends";
import { withoutQuotes } from "./quotes";
import { type Layout, layoutOf } from "./row-layout";
import { ModuleRows } from "./row-module";
import { type ClockColumns, RowReader, type VolumeColumns } from "./row-reader";
import { guessSeparator, SEPARATOR_GUESS_LINES } from "./rows";
import type { ReadOptions } from "./series";

const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];
/** Separators (given by --delimiter) this reader leaves to readSeries: part of a date or a number. */
const NOT_SEPARATORS = /^[-+.0-9]$/;

/**
 * The most bars `bytes` bytes of rows laid out as `header` says can hold: every row at its shortest.
 *
 * @example
 * mostBars(headerOf(Buffer.from("Date,Close\n"), true, { symbol: "X" })!, 1000) // 251
 */
export const mostBars = (header: Header, bytes: number): number =>
  Math.ceil(bytes / header.layout.shortestRow) + 1;

/** Where the text starts: after a UTF-8 byte order mark, if any. */
export function textStart(file: Uint8Array): number {
  return BYTE_ORDER_MARK.every((byte, i) => file[i] === byte) ? BYTE_ORDER_MARK.length : 0;
}

/**
 * The separator the full reader would use: the given one, or the one guessed from the first lines;
 * undefined when `file` is the start of a file too short to hold the lines guessed from.
 */
function separatorOf(
  file: Buffer,
  start: number,
  complete: boolean,
  options: ReadOptions,
): string | undefined {
  if (options.delimiter !== undefined) return options.delimiter;
  let end = start;
  for (let line = 0; line < SEPARATOR_GUESS_LINES && end >= 0; line++) end = file.indexOf(NEWLINE, end + 1);
  if (end < 0 && !complete) return undefined;
  return guessSeparator(file.toString("utf8", start, end < 0 ? file.length : end));
}

/** How a file's rows are read: their layout, the separator's byte, where the first row starts. */
export interface Header {
  layout: Layout;
  sep: number;
  body: number;
}

/**
 * The header of the file `file` is (or, unless `complete`, starts), or undefined when this reader does
 * not take the file (one with a Symbol column only with `symbols`: row-cut.ts). Quotes and carriage
 * returns are the caller's to look for, in every byte.
 *
 * @example
 * headerOf(Buffer.from("Date,Close\n2020-01-02,10\n"), true, { symbol: "SPX" })?.body // 11
 */
export function headerOf(
  file: Buffer,
  complete: boolean,
  options: ReadOptions,
  symbols = false,
): Header | undefined {
  if (options.dateFormat !== undefined) return undefined;
  const start = textStart(file);
  const headerEnd = file.indexOf(NEWLINE, start);
  if (headerEnd <= start) return undefined;
  const separator = separatorOf(file, start, complete, options);
  // The row reader reads a date's ten bytes and a number's sign, digits and dot before it looks for the
  // separator: one of those characters would cut cells where readSeries does not.
  if (separator === undefined || NOT_SEPARATORS.test(separator)) return undefined;
  const layout = layoutOf(file.toString("utf8", start, headerEnd), separator, symbols);
  return layout && { layout, sep: separator.charCodeAt(0), body: headerEnd + 1 };
}

/**
 * Whether bytes hold a character that only readSeries reads right (a quote, a carriage return).
 *
 * @example
 * holdsQuoteOrReturn(Buffer.from('Date,Close\n"2020-01-02",10\n')) // true
 */
export const holdsQuoteOrReturn = (bytes: Buffer): boolean =>
  bytes.includes(QUOTE) || bytes.includes(CARRIAGE_RETURN);

/**
 * The separator quoted cells are read around (quotes.ts): the one readSeries reads the file's bytes `head`
 * with, as a byte; undefined when it is not one byte or the head is too short to tell.
 *
 * @example
 * quotedSeparator(Buffer.from('"Date";"Close"\n'), true, { symbol: "X" }) // 59 (";")
 */
export function quotedSeparator(head: Buffer, complete: boolean, options: ReadOptions): number | undefined {
  const separator = separatorOf(head, textStart(head), complete, options);
  return separator?.length === 1 && separator !== '"' ? separator.charCodeAt(0) : undefined;
}

/**
 * Rewrites bytes in place into the lines the column reader reads: without the CRs of CR LF breaks
 * (line-ends.ts) and the quotes around quoted cells (quotes.ts); returns where they now end, or undefined
 * for bytes only readSeries reads right (a CR anywhere else, a quote elsewhere; the bytes are then partly
 * moved). `complete` when the bytes are the whole file, not its first lines.
 *
 * @example
 * asColumnLines(Buffer.from('"Date","Close"\r\n'), true, { symbol: "X" }) // 11
 */
export function asColumnLines(bytes: Buffer, complete: boolean, options: ReadOptions): number | undefined {
  const lines = bytes.includes(CARRIAGE_RETURN) ? withoutReturns(bytes) : bytes.length;
  if (lines === undefined) return undefined;
  const quoted = bytes.subarray(0, lines);
  if (!quoted.includes(QUOTE)) return lines;
  const separator = quotedSeparator(quoted, complete, options);
  const end = separator === undefined ? undefined : withoutQuotes(quoted, textStart(quoted), separator);
  if (end === undefined) return undefined;
  // The file without its quotes read with the separator readSeries reads the file with, or not at all.
  return quotedSeparator(bytes.subarray(0, end), complete, options) === separator ? end : undefined;
}

/** Bytes of a file's first lines rewritten to tell whether rewriting the whole file is worth it (respelledHeader). */
export const RESPELLED_HEAD = 64 << 10;

/**
 * The header (one with a Symbol column too) of a file that starts with `head`, `complete` when it is the
 * whole file, once its lines are rewritten as asColumnLines rewrites them (in a copy); undefined when this
 * reader does not take such a file.
 *
 * @example
 * respelledHeader(Buffer.from('"Date","Close"\r\n"2020-01-02",1\r\n'), true, { symbol: "X" })?.body // 12
 */
export function respelledHeader(head: Buffer, complete: boolean, options: ReadOptions): Header | undefined {
  const lines = Buffer.from(complete ? head : head.subarray(0, head.lastIndexOf(NEWLINE) + 1));
  const end = asColumnLines(lines, complete, options);
  return end === undefined ? undefined : headerOf(lines.subarray(0, end), complete, options, true);
}

/**
 * A whole file's bytes as the column reader reads them: the file itself, its lines (asColumnLines) in a
 * copy in `scratch`'s piece, or a JSON file's bars as CSV lines there (jsonAsCsv), the file left as it is for
 * readSeries; undefined for a file only readSeries reads right. A CSV file is copied only when its first
 * lines, rewritten, have a header this reader takes (copying a file whole is most of what a declined one
 * costs here: 135 ms for 300,000 bars).
 *
 * @example
 * columnBytes(Buffer.from("Date,Close\r\n2020-01-02,1\r\n"), scratch, { symbol: "X" })?.toString() // "Date,Close\n2020-01-02,1\n"
 */
export function columnBytes(file: Buffer, scratch: ColumnScratch, options: ReadOptions): Buffer | undefined {
  // JSON bars, as the CSV lines of the same bars (json-rows.ts), unless the read asks for a separator or a
  // date format (which headerOf leaves to readSeries).
  const start = textStart(file);
  if (startsJsonArray(file, start))
    return (options.delimiter ?? ",") === "," && options.dateFormat === undefined
      ? jsonAsCsv(file, start, scratch)
      : undefined;
  const quoted = file.includes(QUOTE);
  if (!quoted && !file.includes(CARRIAGE_RETURN)) return file;
  const complete = file.length <= RESPELLED_HEAD;
  if (respelledHeader(file.subarray(0, RESPELLED_HEAD), complete, options) === undefined) return undefined;
  if (!quoted) return linesEndingInLf(file, scratch);
  const copy = copiedInto(file, scratch);
  const end = asColumnLines(copy, true, options);
  return end === undefined ? undefined : copy.subarray(0, end);
}

/**
 * Columns a thread reads file after file into, so their memory is made and touched once: new columns
 * for each 5,000-bar file were most of reading it (fresh memory is slow to map and zero here). A series
 * read into them is valid until the next read into the same scratch.
 */
export class ColumnScratch implements VolumeColumns, ClockColumns {
  closes = new Float64Array(0);
  counts = new Uint32Array(0);
  /** Made at the first file with a volume that is not a count (see VolumeColumns). */
  volumes = new Float64Array(0);
  days = new Int32Array(0);
  /** Made at the first file of datetimes or epoch times (see ClockColumns). */
  private times = new Int32Array(0);
  /** What a file read a piece at a time is read into (column-stream.ts). */
  piece: Buffer = Buffer.alloc(0);
  /** Bars of the columns (closes, counts, days) written at least once: their memory is made. */
  private written = 0;
  /** The WebAssembly reader of this thread's files (row-module.ts): its columns are in its own memory. */
  private module: ModuleRows | undefined;

  /**
   * `byModule`: rows are read by the WebAssembly reader where there is WebAssembly, else by RowReader into
   * the columns above (the tests hold the two equal).
   */
  constructor(readonly byModule = true) {}

  /**
   * The WebAssembly reader for a file of rows laid out as `header` says, with room for `capacity` bars at
   * first (it lays out more as it needs), or undefined: read by RowReader.
   */
  moduleRows(header: Header, capacity: number): ModuleRows | undefined {
    if (!this.byModule) return undefined;
    this.module = ModuleRows.for(this.module, header.layout, header.sep, capacity);
    return this.module;
  }

  /** Makes the columns hold at least `capacity` bars. */
  fit(capacity: number): void {
    if (this.closes.length >= capacity) return;
    const size = Math.max(capacity, 2 * this.closes.length);
    this.closes = new Float64Array(size);
    this.counts = new Uint32Array(size);
    this.days = new Int32Array(size);
    this.written = 0;
  }

  /**
   * Writes (zeros) the columns' bars from `from` up to `to`, past those written before, so that their memory
   * is made now, when the caller has nothing better to do (see readColumnsFrom), rather than as rows are read
   * into them: fresh memory costs ~20 us a 4 KiB page here. Bars below `from` hold rows read: left alone.
   */
  prepare(from: number, to: number, volumes: Uint32Array | Float64Array | undefined): void {
    const start = Math.max(from, this.written);
    const end = Math.min(to, this.closes.length);
    if (end <= start) return;
    this.closes.fill(0, start, end);
    this.days.fill(0, start, end);
    if (volumes === this.counts) this.counts.fill(0, start, end);
    this.written = end;
  }

  /**
   * Columns twice the size (at most `most` bars) for `rows`, which found these full, the bars it read
   * copied into them.
   */
  grow(rows: RowReader, most: number): void {
    const n = rows.bars;
    const { closes, counts, days, volumes } = this;
    const doubles = rows.volumes() === volumes;
    const size = Math.min(2 * closes.length, most);
    this.closes = new Float64Array(size);
    this.counts = new Uint32Array(size);
    this.days = new Int32Array(size);
    this.closes.set(closes.subarray(0, n));
    this.days.set(days.subarray(0, n));
    const clocks = rows.clockColumn();
    if (clocks !== undefined) {
      this.times = new Int32Array(size);
      this.times.set(clocks.subarray(0, n));
    }
    if (doubles) {
      this.volumes = new Float64Array(this.counts.length);
      this.volumes.set(volumes.subarray(0, n));
    } else this.counts.set(counts.subarray(0, n));
    this.written = n;
    rows.resume(this.closes, this.days);
  }

  /** The column of clocks for a file of datetimes or epoch times, made or grown when first needed. */
  clocks(): Int32Array {
    if (this.times.length < this.closes.length) this.times = new Int32Array(this.closes.length);
    return this.times;
  }

  /** The column of doubles for a file whose volumes are not all counts, made or grown when first needed. */
  doubles(): Float64Array {
    if (this.volumes.length < this.counts.length) this.volumes = new Float64Array(this.counts.length);
    return this.volumes;
  }

  /**
   * A reader of rows of `bytes` bytes (at most) laid out as `header` says, into these columns: sized by
   * the shortest row, no more bars than fit (counting the lines first, an indexOf per line, measured
   * 70 ms for 300,000 bars), or for `bars` when fewer (the reader then stops when they are full: grow).
   */
  rowReader(header: Header, bytes: number, bars = Number.POSITIVE_INFINITY): RowReader {
    const { layout } = header;
    this.fit(Math.min(bars, mostBars(header, bytes)));
    return new RowReader(layout, header.sep, this.closes, layout.volume ? this : undefined, this.days, this);
  }

  /** The series the reader read, or undefined when it stopped or read no bar. */
  seriesOf(rows: RowReader): ColumnSeries | undefined {
    const n = rows.bars;
    if (n <= 0) return undefined;
    this.written = Math.max(this.written, n);
    return new ColumnSeries(
      this.closes.subarray(0, n),
      rows.volumes()?.subarray(0, n),
      this.days.subarray(0, n),
      rows.clockColumn()?.subarray(0, n),
      rows.shape,
    );
  }
}

/** The rows in file[from, to) as columns, or undefined (see readColumns). */
export function readRange(file: Buffer, header: Header, from: number, to: number, scratch: ColumnScratch) {
  const most = mostBars(header, to - from);
  const module = scratch.moduleRows(header, most);
  if (module !== undefined) return module.read(file, from, to, most) === "read" ? module.series() : undefined;
  const rows = scratch.rowReader(header, to - from);
  return rows.read(file, from, to) ? scratch.seriesOf(rows) : undefined;
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * The series in a file's bytes as columns, or undefined when the file is not the common case this reader
 * takes or breaks a rule (readSeries then reads it, and says where). Every value kept meets the valid-bar
 * rule and times strictly increase: what scanColumns needs.
 *
 * @example
 * readColumns(Buffer.from("Date,Close\n2020-01-02,10\n2020-01-03,11\n"), { symbol: "SPX" })?.closes // [10, 11]
 */
export function readColumns(
  bytes: Uint8Array,
  options: ReadOptions,
  scratch = new ColumnScratch(),
): ColumnSeries | undefined {
  const file = columnBytes(asBuffer(bytes), scratch, options);
  const header = file && headerOf(file, true, options);
  return file && header && readRange(file, header, header.body, file.length, scratch);
}
