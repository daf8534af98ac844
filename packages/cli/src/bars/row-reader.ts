// The rows of the common bar file read from its bytes into columns: each cell read as its column says
// while the row is cut (a number's digits, a date's parts), with no string made and no second look at a
// byte. Rows may come in pieces (a file read a buffer at a time): what the reader has learnt so far (the
// bars, the last date, the month it is in) carries over from one piece to the next.

import { barColumns, calendarDateValue, priceIsValid, volumeIsValid } from "@stock-patterns/core";
import { DAY_MS } from "./calendar-date";
import { DOT, HYPHEN, MINUS, NEWLINE, NINE, PLUS, ZERO } from "./char-codes";
import { DATE_LENGTH } from "./column-series";
import { EXACT_DIGITS, POWERS_OF_TEN } from "./decimal";

/** What the reader does with a cell, by its column. */
const SKIPPED = 0;
const TIME = 1;
const CLOSE = 2;
/** Open, high and low: checked by the price rule, not kept (the scan reads closes only). */
const PRICE = 3;
const VOLUME = 4;

/** The header's columns the reader needs. */
export interface Layout {
  /** What to do with each cell a row must have (SKIPPED .. VOLUME): its length is the cells a row needs. */
  roles: Uint8Array;
  /** Whether there is a volume column. */
  volume: boolean;
  /** The fewest bytes a row takes: a date, a digit per number read, separators, a line break. */
  shortestRow: number;
}

/**
 * The layout of a header's columns, or undefined when this reader does not take the file (a Symbol
 * column: many series; no Date or Close column: readSeries says what is missing).
 *
 * @example
 * layoutOf("Date,Close", ",")?.roles // Uint8Array [1, 2]
 */
export function layoutOf(header: string, separator: string): Layout | undefined {
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
  roles[close] = CLOSE;
  for (const price of prices) roles[price] = PRICE;
  if (volume >= 0) roles[volume] = VOLUME;
  const numbers = 1 + prices.length + (volume >= 0 ? 1 : 0);
  return { roles, volume: volume >= 0, shortestRow: DATE_LENGTH + numbers + roles.length };
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

/** The days of a month that is on the calendar (calendarDateValue's rule: 28 to 31). */
function daysInMonth(year: number, month: number): number {
  let days = 31;
  while (calendarDateValue(year, month, days) === undefined) days--;
  return days;
}

/**
 * Reads rows into columns (closes, volumes when the layout has them, dates as day numbers), piece after
 * piece, until a row it does not take.
 *
 * @example
 * const rows = new RowReader(layoutOf("Date,Close", ",")!, 44, closes, undefined, days);
 * rows.read(Buffer.from("2020-01-02,10\n"), 0, 14); // true; rows.bars === 1
 */
export class RowReader {
  /** Bars read so far. */
  bars = 0;
  private readonly roles: Uint8Array;
  private previousDay = Number.NEGATIVE_INFINITY;
  private monthYear = -1;
  private monthNumber = -1;
  /** Day number of the first of the month the last date was in, and that month's length. */
  private monthStart = 0;
  private monthDays = 0;

  constructor(
    layout: Layout,
    /** The separator's byte. */
    private readonly sep: number,
    private readonly closes: Float64Array,
    /** Where volumes go: undefined when the layout has none. */
    readonly volumes: Float64Array | undefined,
    private readonly days: Int32Array,
  ) {
    this.roles = layout.roles;
  }

  /**
   * Reads the rows of bytes[from, to) (whole lines, the last one's break optional); false at the first
   * row this reader does not take (or with no room left in the columns), and then reads no more.
   */
  read(bytes: Uint8Array, from: number, to: number): boolean {
    // biome-ignore-start lint/style/noNonNullAssertion: positions stay below `to` <= bytes.length, cells below roles.length.
    const { roles, sep, closes, volumes, days } = this;
    const cells = roles.length;
    let n = this.bars;
    let previousDay = this.previousDay;
    let pos = from;
    while (pos < to) {
      // An empty line is skipped, as readSeries skips it.
      if (bytes[pos] === NEWLINE) {
        pos++;
        continue;
      }
      if (n === closes.length) return this.stop();
      let close = 0;
      for (let cell = 0; cell < cells; cell++) {
        const role = roles[cell]!;
        if (role === SKIPPED) {
          while (pos < to && bytes[pos] !== sep && bytes[pos] !== NEWLINE) pos++;
        } else if (role === TIME) {
          if (pos + DATE_LENGTH > to || bytes[pos + 4] !== HYPHEN || bytes[pos + 7] !== HYPHEN)
            return this.stop();
          const year = digitsAt(bytes, pos, pos + 4);
          const month = digitsAt(bytes, pos + 5, pos + 7);
          const date = digitsAt(bytes, pos + 8, pos + 10);
          // A month's days follow its first: calendarDateValue once per month, not once per row.
          if (year !== this.monthYear || month !== this.monthNumber) {
            const first = calendarDateValue(year, month, 1);
            if (first === undefined) return this.stop();
            this.monthYear = year;
            this.monthNumber = month;
            this.monthStart = first / DAY_MS;
            this.monthDays = daysInMonth(year, month);
          }
          if (date < 1 || date > this.monthDays) return this.stop();
          const day = this.monthStart + date - 1;
          if (!(day > previousDay)) return this.stop();
          previousDay = day;
          days[n] = day;
          pos += DATE_LENGTH;
        } else {
          // A plain decimal (simpleDecimal's rule): a sign, then digits and a dot, 15 digits at most.
          let code = bytes[pos];
          const negative = code === MINUS;
          if (negative || code === PLUS) pos++;
          let integer = 0;
          let digits = 0;
          let fraction = -1;
          for (; pos < to; pos++) {
            code = bytes[pos]!;
            if (code >= ZERO && code <= NINE) {
              integer = integer * 10 + (code - ZERO);
              digits++;
            } else if (code === DOT && fraction < 0) fraction = digits;
            else break;
          }
          if (digits === 0 || digits > EXACT_DIGITS) return this.stop();
          const magnitude = fraction < 0 ? integer : integer / POWERS_OF_TEN[digits - fraction]!;
          const value = negative ? -magnitude : magnitude;
          if (role === VOLUME) {
            if (!volumeIsValid(value)) return this.stop();
            volumes![n] = value;
          } else {
            if (!priceIsValid(value)) return this.stop();
            if (role === CLOSE) close = value;
          }
        }
        // The cell ends here: at a separator (another cell follows), or at the line's end (the last cell).
        const end = pos < to ? bytes[pos]! : NEWLINE;
        if (end === sep) pos++;
        else if (end !== NEWLINE || cell < cells - 1) return this.stop();
      }
      // Cells past those read are not looked at.
      while (pos < to && bytes[pos] !== NEWLINE) pos++;
      pos++;
      closes[n] = close;
      n++;
    }
    // biome-ignore-end lint/style/noNonNullAssertion: end of the loop.
    this.bars = n;
    this.previousDay = previousDay;
    return true;
  }

  /** Gives up on the file: no more rows are read. */
  private stop(): false {
    this.bars = -1;
    this.previousDay = Number.POSITIVE_INFINITY;
    return false;
  }
}
