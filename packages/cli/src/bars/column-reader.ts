// The common bar file read straight from its bytes into columns: CSV with no quote and no carriage
// return, one series (no Symbol column), YYYY-MM-DD dates, plain decimals, every cell present. No string,
// and no Bar object, is made per row. Anything else, valid or not, is left to readSeries, which reads
// every file the CLI takes and names the row of each error, so what a user sees does not depend on which
// reader ran.

import { barColumns, calendarDateValue, priceIsValid, volumeIsValid } from "@stock-patterns/core";
import { CARRIAGE_RETURN, DOT, HYPHEN, MINUS, NEWLINE, NINE, PLUS, QUOTE, ZERO } from "./char-codes";
import { ColumnSeries, DATE_LENGTH } from "./column-series";
import { EXACT_DIGITS, POWERS_OF_TEN } from "./decimal";
import { guessSeparator, SEPARATOR_GUESS_LINES } from "./rows";
import type { ReadOptions } from "./series";

const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];
/** Separators (given by --delimiter) this reader leaves to readSeries: part of a date or a number. */
const NOT_SEPARATORS = /^[-+.0-9]$/;

/** What the reader does with a cell, by its column. */
const SKIPPED = 0;
const TIME = 1;
const CLOSE = 2;
/** Open, high and low: checked by the price rule, not kept (the scan reads closes only). */
const PRICE = 3;
const VOLUME = 4;

/** The header's columns the reader needs. */
interface Layout {
  /** What to do with each cell a row must have (SKIPPED .. VOLUME): its length is the cells a row needs. */
  roles: Uint8Array;
  /** Whether there is a volume column. */
  volume: boolean;
  /** Prices checked per row besides the close (open, high, low present). */
  prices: number;
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
  const roles = new Uint8Array(Math.max(columns.time, close, volume, ...prices) + 1);
  roles[columns.time] = TIME;
  if (close >= 0) roles[close] = CLOSE;
  for (const price of prices) roles[price] = PRICE;
  if (volume >= 0) roles[volume] = VOLUME;
  return { roles, volume: volume >= 0, prices: prices.length };
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

const DAY_MS = 86_400_000;

/** The days of a month that is on the calendar (calendarDateValue's rule: 28 to 31). */
function daysInMonth(year: number, month: number): number {
  let days = 31;
  while (calendarDateValue(year, month, days) === undefined) days--;
  return days;
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
  // The row reader reads a date's ten bytes and a number's sign, digits and dot before it looks for the
  // separator: one of those characters would cut cells where readSeries does not.
  if (NOT_SEPARATORS.test(separator)) return undefined;
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
  const cells = layout.roles.length;
  const shortestRow = DATE_LENGTH + 1 + layout.prices + (layout.volume ? 1 : 0) + cells;
  scratch.fit(Math.ceil((to - from) / shortestRow) + 1);
  const { closes, timeStarts } = scratch;
  const volumes = layout.volume ? scratch.volumes : undefined;
  const n = readRows(file, from, to, sep, layout.roles, closes, volumes, timeStarts);
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
 * first row this reader does not take. One pass over the bytes: each cell is read as its column says
 * while the row is cut (a number's digits, a date's parts), with no second look at its bytes.
 */
function readRows(
  file: Uint8Array,
  from: number,
  to: number,
  sep: number,
  roles: Uint8Array,
  closes: Float64Array,
  volumes: Float64Array | undefined,
  timeStarts: Int32Array,
): number {
  // biome-ignore-start lint/style/noNonNullAssertion: positions stay below `to` <= file.length, cells below roles.length.
  const cells = roles.length;
  let n = 0;
  let previous = Number.NEGATIVE_INFINITY;
  let pos = from;
  let monthYear = -1;
  let monthNumber = -1;
  let monthStart = 0;
  let monthDays = 0;
  while (pos < to) {
    // An empty line is skipped, as readSeries skips it.
    if (file[pos] === NEWLINE) {
      pos++;
      continue;
    }
    if (n === closes.length) return -1;
    let close = 0;
    for (let cell = 0; cell < cells; cell++) {
      const role = roles[cell]!;
      if (role === SKIPPED) {
        while (pos < to && file[pos] !== sep && file[pos] !== NEWLINE) pos++;
      } else if (role === TIME) {
        if (pos + DATE_LENGTH > to || file[pos + 4] !== HYPHEN || file[pos + 7] !== HYPHEN) return -1;
        const year = digitsAt(file, pos, pos + 4);
        const month = digitsAt(file, pos + 5, pos + 7);
        const day = digitsAt(file, pos + 8, pos + 10);
        // A month's dates are its first day's value plus whole days: calendarDateValue once per month.
        if (year !== monthYear || month !== monthNumber) {
          const first = calendarDateValue(year, month, 1);
          if (first === undefined) return -1;
          monthYear = year;
          monthNumber = month;
          monthStart = first;
          monthDays = daysInMonth(year, month);
        }
        if (day < 1 || day > monthDays) return -1;
        const time = monthStart + (day - 1) * DAY_MS;
        if (!(time > previous)) return -1;
        previous = time;
        timeStarts[n] = pos;
        pos += DATE_LENGTH;
      } else {
        // A plain decimal, by bytesDecimal's rule: a sign, digits and a dot, at most 15 digits in all.
        let code = file[pos];
        const negative = code === MINUS;
        if (negative || code === PLUS) pos++;
        let integer = 0;
        let digits = 0;
        let fraction = -1;
        for (; pos < to; pos++) {
          code = file[pos]!;
          if (code >= ZERO && code <= NINE) {
            integer = integer * 10 + (code - ZERO);
            digits++;
          } else if (code === DOT && fraction < 0) fraction = digits;
          else break;
        }
        if (digits === 0 || digits > EXACT_DIGITS) return -1;
        const magnitude = fraction < 0 ? integer : integer / POWERS_OF_TEN[digits - fraction]!;
        const value = negative ? -magnitude : magnitude;
        if (role === VOLUME) {
          if (!volumeIsValid(value)) return -1;
          volumes![n] = value;
        } else {
          if (!priceIsValid(value)) return -1;
          if (role === CLOSE) close = value;
        }
      }
      // The cell ends here: at a separator (another cell follows), or at the line's end (the last cell).
      const end = pos < to ? file[pos]! : NEWLINE;
      if (end === sep) pos++;
      else if (end !== NEWLINE || cell < cells - 1) return -1;
    }
    // Cells past those read are not looked at.
    while (pos < to && file[pos] !== NEWLINE) pos++;
    pos++;
    closes[n] = close;
    n++;
  }
  // biome-ignore-end lint/style/noNonNullAssertion: end of the loop.
  return n;
}
