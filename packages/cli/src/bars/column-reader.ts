// The common bar file read straight from its bytes into columns: CSV with no quote and no carriage
// return, one series (no Symbol column), YYYY-MM-DD dates, plain decimals, every cell present. No string,
// and no Bar object, is made per row. Anything else, valid or not, is left to readSeries, which reads
// every file the CLI takes and names the row of each error, so what a user sees does not depend on which
// reader ran.

import { barColumns, calendarDateValue, priceIsValid, volumeIsValid } from "@stock-patterns/core";
import { CARRIAGE_RETURN, HYPHEN, NEWLINE, NINE, QUOTE, ZERO } from "./char-codes";
import { ColumnSeries, DATE_LENGTH } from "./column-series";
import { bytesDecimal } from "./decimal";
import { guessSeparator, SEPARATOR_GUESS_LINES } from "./rows";
import type { ReadOptions } from "./series";

const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];

/** The header's columns the reader needs (-1 when absent). */
interface Layout {
  time: number;
  close: number;
  volume: number;
  /** Open, high and low: checked by the price rule, not kept (the scan reads closes only). */
  prices: number[];
  /** Cells a row must have. */
  cells: number;
}

function layoutOf(header: string, separator: string): Layout | undefined {
  const names = header.split(separator);
  if (names.some((name) => name.trim().toLowerCase() === "symbol")) return undefined;
  let columns: ReturnType<typeof barColumns>;
  try {
    columns = barColumns(names);
  } catch {
    return undefined;
  }
  const at = (field: string) => columns.fields.find(([name]) => name === field)?.[1] ?? -1;
  const prices = ["open", "high", "low"].map(at).filter((index) => index >= 0);
  const close = at("close");
  const volume = at("volume");
  return {
    time: columns.time,
    close,
    volume,
    prices,
    cells: Math.max(columns.time, close, volume, ...prices) + 1,
  };
}

/** The number written by the two or four ASCII digits at bytes[from, to), or -1 when one is not a digit. */
function digitsAt(bytes: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    // biome-ignore lint/style/noNonNullAssertion: the caller keeps to <= bytes.length.
    const code = bytes[i]!;
    if (code < ZERO || code > NINE) return -1;
    value = value * 10 + (code - ZERO);
  }
  return value;
}

/** The value (core's isoDateValue) of the YYYY-MM-DD at bytes[at, at + 10), or undefined. */
function dateValueAt(bytes: Uint8Array, at: number): number | undefined {
  if (bytes[at + 4] !== HYPHEN || bytes[at + 7] !== HYPHEN) return undefined;
  return calendarDateValue(
    digitsAt(bytes, at, at + 4),
    digitsAt(bytes, at + 5, at + 7),
    digitsAt(bytes, at + 8, at + 10),
  );
}

/** Where the text starts: after a UTF-8 byte order mark, if any. */
function textStart(file: Uint8Array): number {
  return BYTE_ORDER_MARK.every((byte, i) => file[i] === byte) ? BYTE_ORDER_MARK.length : 0;
}

/** The separator the full reader would use: the given one, or the one guessed from the first lines. */
function separatorOf(file: Buffer, start: number, options: ReadOptions): string {
  if (options.delimiter !== undefined) return options.delimiter;
  let end = start;
  for (let line = 0; line < SEPARATOR_GUESS_LINES && end >= 0; line++) end = file.indexOf(NEWLINE, end + 1);
  return guessSeparator(file.toString("utf8", start, end < 0 ? file.length : end));
}

/** The file's header layout and where its rows start, or undefined when this reader does not take it. */
function headerOf(
  file: Buffer,
  options: ReadOptions,
): { layout: Layout; sep: number; body: number } | undefined {
  if (options.dateFormat !== undefined || file.includes(QUOTE) || file.includes(CARRIAGE_RETURN))
    return undefined;
  const start = textStart(file);
  const headerEnd = file.indexOf(NEWLINE, start);
  if (headerEnd <= start) return undefined;
  const separator = separatorOf(file, start, options);
  const layout = layoutOf(file.toString("utf8", start, headerEnd), separator);
  return layout && { layout, sep: separator.charCodeAt(0), body: headerEnd + 1 };
}

/**
 * Columns a thread reads file after file into, so their memory is made and touched once: new columns
 * for each 5,000-bar file were most of reading it (fresh memory is slow to map and zero here). A series
 * read into them is valid until the next read into the same scratch.
 */
export class ColumnScratch {
  closes = new Float64Array(0);
  volumes = new Float64Array(0);
  timeStarts = new Int32Array(0);

  /** Makes the columns hold at least `capacity` bars. */
  fit(capacity: number): void {
    if (this.closes.length >= capacity) return;
    const size = Math.max(capacity, 2 * this.closes.length);
    this.closes = new Float64Array(size);
    this.volumes = new Float64Array(size);
    this.timeStarts = new Int32Array(size);
  }
}

/** The rows in file[from, to) as columns, or undefined (see readColumns). */
function readRange(
  file: Buffer,
  layout: Layout,
  sep: number,
  from: number,
  to: number,
  scratch: ColumnScratch,
): ColumnSeries | undefined {
  // No more bars than the shortest row fits in the bytes (a date, a digit per number read, separators,
  // a line break): counting the lines first (indexOf per line) measured 70 ms for 300,000 bars.
  const shortestRow = DATE_LENGTH + 1 + layout.prices.length + (layout.volume >= 0 ? 1 : 0) + layout.cells;
  scratch.fit(Math.ceil((to - from) / shortestRow) + 1);
  const { closes, timeStarts } = scratch;
  const volumes = layout.volume >= 0 ? scratch.volumes : undefined;
  const n = readRows(file, from, to, sep, layout, closes, volumes, timeStarts);
  if (n <= 0) return undefined;
  return new ColumnSeries(file, closes.subarray(0, n), volumes?.subarray(0, n), timeStarts.subarray(0, n));
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
  const file = asBuffer(bytes);
  const header = headerOf(file, options);
  return header && readRange(file, header.layout, header.sep, header.body, file.length, scratch);
}

/** A part of a file's rows: from and to as fractions (0 to 1) of the rows' bytes, cut at line starts. */
export interface FilePart {
  from: number;
  to: number;
}

/** The first line start at or after `at`, not before `body`. */
function lineStart(file: Buffer, at: number, body: number): number {
  if (at <= body) return body;
  const newline = file.indexOf(NEWLINE, at - 1);
  return newline < 0 ? file.length : newline + 1;
}

/** Where the `lines` non-empty lines before the line starting at `at` start (at most back to `body`). */
function linesBefore(file: Buffer, at: number, lines: number, body: number): number {
  let start = at;
  for (let found = 0; found < lines && start > body; ) {
    const end = start - 1;
    start = Math.max(body, file.lastIndexOf(NEWLINE, end - 1) + 1);
    if (end > start) found++;
  }
  return start;
}

/**
 * A part of a file read into columns, led by the `lead` bars before it that its first windows reach back
 * to (at most `reach`), so that scanning the part finds the windows ending at its own bars; the lead is
 * checked like the rest, so every pair of neighbouring bars is checked by some part. Undefined as for
 * readColumns (then read the whole file).
 *
 * @example
 * readColumnsPart(file, { symbol: "SPX" }, { from: 0.5, to: 1 }, 37) // { series, lead: 37 }
 */
export function readColumnsPart(
  bytes: Uint8Array,
  options: ReadOptions,
  part: FilePart,
  reach: number,
  scratch = new ColumnScratch(),
): { series: ColumnSeries; lead: number } | undefined {
  const file = asBuffer(bytes);
  const header = headerOf(file, options);
  if (header === undefined) return undefined;
  const { body } = header;
  const cut = (fraction: number) =>
    fraction >= 1 ? file.length : lineStart(file, body + Math.floor((file.length - body) * fraction), body);
  const own = cut(part.from);
  const from = linesBefore(file, own, reach, body);
  const end = cut(part.to);
  const lead =
    from === own ? 0 : (readRange(file, header.layout, header.sep, from, own, scratch)?.length ?? 0);
  const series = readRange(file, header.layout, header.sep, from, end, scratch);
  return series && { series, lead };
}

/**
 * Reads the rows of file[from, to) (whole lines) into the columns; returns how many bars, or -1 at the
 * first row this reader does not take. One loop over the bytes, every cell read in place.
 */
function readRows(
  file: Uint8Array,
  from: number,
  to: number,
  sep: number,
  layout: Layout,
  closes: Float64Array,
  volumes: Float64Array | undefined,
  timeStarts: Int32Array,
): number {
  // biome-ignore-start lint/style/noNonNullAssertion: positions stay below file.length, cell indices below layout.cells.
  const { time: timeAt, close: closeAt, volume: volumeAt, prices: priceAt, cells } = layout;
  const starts = new Int32Array(cells);
  const ends = new Int32Array(cells);
  const length = to;
  let n = 0;
  let previous = Number.NEGATIVE_INFINITY;
  let pos = from;
  while (pos < length) {
    // Cut the line into cells, keeping the bounds of those the layout reads.
    let cell = 0;
    let cellStart = pos;
    for (; ; pos++) {
      const code = pos < length ? file[pos]! : NEWLINE;
      if (code !== sep && code !== NEWLINE) continue;
      if (cell < cells) {
        starts[cell] = cellStart;
        ends[cell] = pos;
      }
      cell++;
      cellStart = pos + 1;
      if (code === NEWLINE) break;
    }
    pos++;
    // An empty line is skipped, as readSeries skips it.
    if (cell === 1 && ends[0] === starts[0]) continue;
    if (cell < cells || n === closes.length) return -1;
    const timeStart = starts[timeAt]!;
    if (ends[timeAt]! - timeStart !== DATE_LENGTH) return -1;
    const time = dateValueAt(file, timeStart);
    if (time === undefined || !(time > previous)) return -1;
    previous = time;
    const close = bytesDecimal(file, starts[closeAt]!, ends[closeAt]!);
    if (close === undefined || !priceIsValid(close)) return -1;
    for (let p = 0; p < priceAt.length; p++) {
      const at = priceAt[p]!;
      const price = bytesDecimal(file, starts[at]!, ends[at]!);
      if (price === undefined || !priceIsValid(price)) return -1;
    }
    if (volumes !== undefined) {
      const volume = bytesDecimal(file, starts[volumeAt]!, ends[volumeAt]!);
      if (volume === undefined || !volumeIsValid(volume)) return -1;
      volumes[n] = volume;
    }
    closes[n] = close;
    timeStarts[n] = timeStart;
    n++;
  }
  // biome-ignore-end lint/style/noNonNullAssertion: end of the loop.
  return n;
}
