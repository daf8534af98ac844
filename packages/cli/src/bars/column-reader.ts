// The common bar file read straight from its bytes into columns: CSV with no quote and no carriage
// return, one series (no Symbol column), YYYY-MM-DD dates, plain decimals, every cell present. No string,
// and no Bar object, is made per row. Anything else, valid or not, is left to readSeries, which reads
// every file the CLI takes and names the row of each error, so what a user sees does not depend on which
// reader ran.

import { barColumns, calendarDateValue, priceIsValid, volumeIsValid } from "@stock-patterns/core";
import { ColumnSeries, DATE_LENGTH } from "./column-series";
import { bytesDecimal } from "./decimal";
import { guessSeparator, SEPARATOR_GUESS_LINES } from "./rows";
import type { ReadOptions } from "./series";

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const QUOTE = 34;
const HYPHEN = 45;
const ZERO = 48;
const NINE = 57;
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

/**
 * The series in a file's bytes as columns, or undefined when the file is not the common case this reader
 * takes or breaks a rule (readSeries then reads it, and says where). Every value kept meets the valid-bar
 * rule and times strictly increase: what scanColumns needs.
 *
 * @example
 * readColumns(Buffer.from("Date,Close\n2020-01-02,10\n2020-01-03,11\n"), { symbol: "SPX" })?.closes // [10, 11]
 */
export function readColumns(bytes: Uint8Array, options: ReadOptions): ColumnSeries | undefined {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (options.dateFormat !== undefined || file.includes(QUOTE) || file.includes(CARRIAGE_RETURN))
    return undefined;
  const start = textStart(file);
  const headerEnd = file.indexOf(NEWLINE, start);
  if (headerEnd <= start) return undefined;
  const separator = separatorOf(file, start, options);
  const layout = layoutOf(file.toString("utf8", start, headerEnd), separator);
  if (layout === undefined) return undefined;

  let capacity = 0;
  for (let at = headerEnd; at >= 0; at = file.indexOf(NEWLINE, at + 1)) capacity++;
  const closes = new Float64Array(capacity);
  const volumes = layout.volume >= 0 ? new Float64Array(capacity) : undefined;
  const timeStarts = new Int32Array(capacity);
  const n = readRows(file, headerEnd + 1, separator.charCodeAt(0), layout, closes, volumes, timeStarts);
  if (n <= 0) return undefined;
  return new ColumnSeries(file, closes.subarray(0, n), volumes?.subarray(0, n), timeStarts.subarray(0, n));
}

/**
 * Reads the rows from `pos` on into the columns; returns how many bars, or -1 at the first row this
 * reader does not take. One loop over the bytes, every cell read in place.
 */
function readRows(
  file: Uint8Array,
  from: number,
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
  const length = file.length;
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
    if (cell < cells) return -1;
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
