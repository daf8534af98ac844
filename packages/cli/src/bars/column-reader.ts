// The common bar file read straight from its bytes into columns: CSV with LF or CR LF breaks (line-ends.ts)
// and no quote but around whole cells (quotes.ts), one series (no Symbol column), YYYY-MM-DD dates or ISO
// datetimes of one shape (time-shape.ts), plain decimals. No string,
// and no Bar object, is made per row; the rows are read by WebAssembly (row-module.ts) where there is
// WebAssembly, by RowReader elsewhere. Anything else, valid or not, is left to readSeries, which reads
// every file the CLI takes and names the row of each error, so what a user sees does not depend on which
// reader ran.

import { constants } from "node:buffer";
import { CARRIAGE_RETURN, NEWLINE, QUOTE } from "./char-codes";
import { ColumnScratch } from "./column-scratch";
import type { ColumnSeries } from "./column-series";
import { jsonAsCsv, startsJsonArray } from "./json-rows";
import { copiedInto, linesEndingInLf, withoutReturns } from "./line-ends";
import { withoutQuotes } from "./quotes";
import { type Layout, layoutOf, mostBars } from "./row-layout";
import { guessSeparator, SEPARATOR_GUESS_LINES } from "./rows";
import type { ReadOptions } from "./series";

const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];
const { MAX_STRING_LENGTH } = constants;
/** Separators (given by --delimiter) this reader leaves to readSeries: part of a date or a number. */
const NOT_SEPARATORS = /^[-+.0-9]$/;

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
  const guessedFrom = (end < 0 ? file.length : end) - start;
  // Lines longer than a string may hold (a header, then a crashed write's NUL bytes and no break) are the
  // full reader's, which refuses such a text in words; read here as a string, they ended in Node's stack.
  if (guessedFrom > MAX_STRING_LENGTH) return undefined;
  return guessSeparator(file.toString("utf8", start, start + guessedFrom));
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
  if (headerEnd <= start || headerEnd - start > MAX_STRING_LENGTH) return undefined;
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

/** The rows in file[from, to) as columns, or undefined (see readColumns). */
export function readRange(file: Buffer, header: Header, from: number, to: number, scratch: ColumnScratch) {
  const most = mostBars(header.layout, to - from);
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
