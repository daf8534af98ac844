// The rows of the common bar file read from its bytes into columns: each cell read as its column says
// while the row is cut (a number's digits, a date's parts), with no string made and no second look at a
// byte. Rows may come in pieces (a file read a buffer at a time): what the reader has learnt so far (the
// bars, the last date) carries over from one piece to the next.

import { priceIsValid, volumeIsValid } from "@stock-patterns/core";
import { MONTH_DAYS } from "./calendar-date";
import { CLOSE, PRICE, SKIPPED, TIME, VOLUME } from "./cell-roles";
import { COLON, DOT, HYPHEN, LETTER_Z, MINUS, NEWLINE, PLUS, ZERO } from "./char-codes";
import { POWERS_OF_TEN } from "./decimal";
import { EXACT_DIGITS, MAX_COUNT } from "./exact-numbers";
import { type Layout, requiredCells } from "./row-layout";
import {
  clockBetween,
  clockHasSeconds,
  clockHasZone,
  clockLength,
  epochShapeOf,
  shapeAt,
} from "./time-shape";
import {
  DATE_LENGTH,
  DATE_SHAPE,
  DAY_MILLISECONDS,
  DAY_SECONDS,
  EPOCH_MILLISECONDS,
  EPOCH_SECONDS,
  MILLISECONDS_DIGITS,
  SECONDS_DIGITS,
  UNKNOWN_SHAPE,
} from "./time-shape-codes";

/**
 * Whether the price rule takes every positive plain decimal of up to 15 digits (10^-15 to 10^15 - 1)
 * and so says of one only whether it is above 0 (PRICE_RANGE is 1e-30 to 1e30): then an open, high or
 * low is checked without working out its value.
 */
export const PLAIN_PRICES_VALID = priceIsValid(10 ** -EXACT_DIGITS) && priceIsValid(10 ** EXACT_DIGITS - 1);

/**
 * Days from 1970-01-01 to a calendar date of years 0 to 9999 (the days-from-civil algorithm, years
 * counted from March so that the leap day ends one): calendarDateValue's value over DAY_MS. Its
 * divisions are of numbers from -1 up, truncated (`| 0`): the compiler makes them integer divisions that
 * never send the reader back to the interpreter (Math.floor of a quotient did, at the first year whose
 * quotient was not whole, as the reader calls this once a month).
 */
function dayNumber(year: number, month: number, date: number): number {
  const fromMarch = year - +(month <= 2);
  // Math.floor(fromMarch / 400) for fromMarch >= -400.
  const era = (((fromMarch + 400) / 400) | 0) - 1;
  const yearOfEra = fromMarch - era * 400;
  const dayOfYear = (((153 * ((month + 9) % 12) + 2) / 5) | 0) + date - 1;
  const dayOfEra = yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Where a reader puts volumes. A volume is nearly always a count of shares below 2^32: kept as a Uint32,
 * it takes half the fresh memory of a double (300,000 bars: 1.2 MB, ~290 page faults of ~21 us each
 * here). A file with any other volume (a fraction, a larger number, -0) or a bar without one (NaN there)
 * has them all as doubles.
 */
export interface VolumeColumns {
  /** Volumes while every one read is a whole number from 0 to 2^32 - 1. */
  readonly counts: Uint32Array;
  /** A column of doubles at least as long as `counts`, for a file with a volume that is not a count. */
  doubles(): Float64Array;
}

/**
 * Where a reader puts each bar's clock, the rest of its time after its day (time-shape.ts: seconds of a
 * datetime's day, or of an epoch time's, or milliseconds): made when the first row shows a file of
 * datetimes or epoch times, so a file of dates has no such column.
 */
export interface ClockColumns {
  /** A column of clocks at least as long as the closes. */
  clocks(): Int32Array;
}

/**
 * Reads rows into columns (closes, volumes when the layout has them, times as day numbers and, for
 * datetimes and epoch times, clocks: ClockColumns), piece after piece, until a row it does not take.
 *
 * @example
 * const rows = new RowReader(layoutOf("Date,Close", ",")!, 44, closes, undefined, days, scratch);
 * rows.read(Buffer.from("2020-01-02,10\n"), 0, 14); // true; rows.bars === 1
 */
export class RowReader {
  /** Bars read so far. */
  bars = 0;
  private readonly roles: Uint8Array;
  /** The last bar's instant, in seconds from 1970-01-01 (a date's is its midnight), or in the file's epoch unit. */
  private previous = Number.NEGATIVE_INFINITY;
  /** How the file writes its times (time-shape.ts), learnt at its first row. */
  shape = UNKNOWN_SHAPE;
  /** The clocks of a file of datetimes or epoch times, else undefined. */
  private clocks: Int32Array | undefined;
  /**
   * The month of the last date read (year * 100 + month), the day number before its first day and its
   * days: a file's dates are mostly in the month of the row before, so the calendar arithmetic (its
   * divisions were most of reading a date) is done once per month.
   */
  private month = -1;
  private monthBase = 0;
  private monthDays = 0;
  private counts: Uint32Array | undefined;
  /** The volumes as doubles, from the first volume that is not a count (or is absent) on. */
  private wide: Float64Array | undefined;
  /** The cells a row must have (up to its time and close): the cells after them may be absent. */
  private readonly required: number;
  /** The volume's cell, or -1. */
  private readonly volumeCell: number;
  /** The header's cells: a row with more is not taken. */
  private readonly headerCells: number;

  constructor(
    layout: Layout,
    /** The separator's byte. */
    private readonly sep: number,
    private closes: Float64Array,
    /** Where volumes go: undefined when the layout has none. */
    private readonly volumeColumns: VolumeColumns | undefined,
    private days: Int32Array,
    /** Where clocks go, in a file of datetimes or epoch times. */
    private readonly clockColumns: ClockColumns,
  ) {
    this.roles = layout.roles;
    this.counts = volumeColumns?.counts;
    this.required = requiredCells(layout.roles);
    this.volumeCell = layout.roles.indexOf(VOLUME);
    this.headerCells = layout.headerCells;
  }

  /**
   * Where the row that found the columns full starts, or -1: the caller may give larger columns (resume)
   * and read on from there.
   */
  fullAt = -1;

  /** The column that holds the volumes read (counts, or doubles), undefined when the layout has none. */
  volumes(): Uint32Array | Float64Array | undefined {
    return this.wide ?? this.counts;
  }

  /**
   * Reads the rows of bytes[from, to) (whole lines, the last one's break optional); false at the first
   * row this reader does not take (or with no room left in the columns), and then reads no more.
   */
  read(bytes: Uint8Array, from: number, to: number): boolean {
    // biome-ignore-start lint/style/noNonNullAssertion: positions stay below `to` <= bytes.length, cells below roles.length.
    const { roles, sep, closes, counts, days } = this;
    let { wide, shape, clocks } = this;
    const cells = roles.length;
    let n = this.bars;
    let previous = this.previous;
    let { month: knownMonth, monthBase, monthDays } = this;
    let pos = from;
    while (pos < to) {
      // An empty line is skipped, as readSeries skips it.
      if (bytes[pos] === NEWLINE) {
        pos++;
        continue;
      }
      if (n === closes.length) return this.full(pos);
      let close = 0;
      // What ended the last cell read: the separator when more cells follow the roles' cells.
      let end = NEWLINE;
      for (let cell = 0; cell < cells; cell++) {
        const role = roles[cell]!;
        if (role === SKIPPED) {
          while (pos < to && bytes[pos] !== sep && bytes[pos] !== NEWLINE) pos++;
        } else if (
          role === TIME &&
          (shape >= EPOCH_SECONDS ||
            (shape === UNKNOWN_SHAPE && !(pos + 4 < to && bytes[pos + 4] === HYPHEN)))
        ) {
          // An epoch number: digits, as many as the file's unit allows, no leading 0 (time-shape.ts).
          const start = pos;
          let value = 0;
          for (; pos < to; pos++) {
            const digit = (bytes[pos]! - ZERO) >>> 0;
            if (digit > 9) break;
            value = value * 10 + digit;
          }
          const digits = pos - start;
          if (shape === UNKNOWN_SHAPE) {
            shape = epochShapeOf(digits);
            if (shape === UNKNOWN_SHAPE) return this.stop();
            this.shape = shape;
            clocks = this.clocks = this.clockColumns.clocks();
          }
          const milliseconds = shape === EPOCH_MILLISECONDS;
          if (
            digits === 0 ||
            digits > (milliseconds ? MILLISECONDS_DIGITS : SECONDS_DIGITS) ||
            (milliseconds && digits <= SECONDS_DIGITS) ||
            (digits > 1 && bytes[start] === ZERO)
          )
            return this.stop();
          // Exact integers (13 digits at most): ordered in the file's unit, as core orders their instants.
          if (!(value > previous)) return this.stop();
          previous = value;
          const unit = milliseconds ? DAY_MILLISECONDS : DAY_SECONDS;
          const day = Math.floor(value / unit);
          days[n] = day;
          clocks![n] = value - day * unit;
        } else if (role === TIME) {
          // YYYY-MM-DD: each byte a digit (a byte minus ZERO, unsigned, at most 9) or the hyphen.
          if (pos + DATE_LENGTH > to || bytes[pos + 4] !== HYPHEN || bytes[pos + 7] !== HYPHEN)
            return this.stop();
          const y0 = (bytes[pos]! - ZERO) >>> 0;
          const y1 = (bytes[pos + 1]! - ZERO) >>> 0;
          const y2 = (bytes[pos + 2]! - ZERO) >>> 0;
          const y3 = (bytes[pos + 3]! - ZERO) >>> 0;
          const m0 = (bytes[pos + 5]! - ZERO) >>> 0;
          const m1 = (bytes[pos + 6]! - ZERO) >>> 0;
          const d0 = (bytes[pos + 8]! - ZERO) >>> 0;
          const d1 = (bytes[pos + 9]! - ZERO) >>> 0;
          if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9)
            return this.stop();
          const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
          const month = m0 * 10 + m1;
          const date = d0 * 10 + d1;
          if (year * 100 + month !== knownMonth) {
            if (month < 1 || month > 12) return this.stop();
            // The same steps for every month (no branch first taken far into a file, which would send
            // the compiled loop back to the interpreter to be compiled again): calendarDateValue's rule.
            const leap = +(year % 4 === 0) - +(year % 100 === 0) + +(year % 400 === 0);
            monthDays = MONTH_DAYS[month - 1]! + leap * +(month === 2);
            monthBase = dayNumber(year, month, 1) - 1;
            knownMonth = year * 100 + month;
          }
          if (date < 1 || date > monthDays) return this.stop();
          const day = monthBase + date;
          pos += DATE_LENGTH;
          let clock = 0;
          if (shape !== DATE_SHAPE) {
            if (shape === UNKNOWN_SHAPE) {
              shape = shapeAt(bytes, pos, to, sep);
              if (shape === UNKNOWN_SHAPE) return this.stop();
              this.shape = shape;
              if (shape !== DATE_SHAPE) clocks = this.clocks = this.clockColumns.clocks();
            }
            if (shape !== DATE_SHAPE) {
              clock = this.clockAt(bytes, pos, to, shape);
              if (clock < 0) return this.stop();
              clocks![n] = clock;
              pos += clockLength(shape);
            }
          }
          const instant = day * DAY_SECONDS + clock;
          if (!(instant > previous)) return this.stop();
          previous = instant;
          days[n] = day;
        } else {
          // A plain decimal (simpleDecimal's rule): a sign, then digits and a dot, 15 digits at most. The
          // digits are gathered as integers of 9 digits at most (`high`, the first nine once there are
          // nine, and `low`, the rest): 32-bit integer steps instead of a double's multiply and add per
          // digit.
          const start = pos;
          let code = bytes[pos];
          const negative = code === MINUS;
          if (negative || code === PLUS) pos++;
          let high = 0;
          let low = 0;
          let digits = 0;
          let fraction = -1;
          for (; pos < to; pos++) {
            code = bytes[pos]!;
            const digit = (code - ZERO) >>> 0;
            if (digit <= 9) {
              // Wraps only past 18 digits, which are refused below.
              low = (low * 10 + digit) | 0;
              if (++digits === 9) {
                high = low;
                low = 0;
              }
            } else if (code === DOT && fraction < 0) fraction = digits;
            else break;
          }
          if (digits === 0 || digits > EXACT_DIGITS) {
            // An empty open, high, low or volume: absent, as readSeries reads it (an absent volume is NaN).
            // Told here, where a cell without digits stops, so a cell with them pays nothing for it.
            if (pos !== start || role === CLOSE) return this.stop();
            const after = pos < to ? bytes[pos]! : NEWLINE;
            if (after !== sep && after !== NEWLINE) return this.stop();
            if (role === VOLUME) {
              wide ??= this.widen(n);
              wide[n] = Number.NaN;
            }
          } else if (role === PRICE && PLAIN_PRICES_VALID) {
            // Open, high and low are only checked: a plain decimal's rule is its sign and a digit not 0.
            if (negative || (high === 0 && low === 0)) return this.stop();
          } else {
            // Below 10^15 < 2^53: exact, as the digits' one integer was.
            const integer = digits >= 9 ? high * POWERS_OF_TEN[digits - 9]! + low : low;
            const magnitude = fraction < 0 ? integer : integer / POWERS_OF_TEN[digits - fraction]!;
            const value = negative ? -magnitude : magnitude;
            if (role === VOLUME) {
              if (!volumeIsValid(value)) return this.stop();
              if (wide === undefined && fraction < 0 && !negative && integer <= MAX_COUNT) counts![n] = value;
              else {
                wide ??= this.widen(n);
                wide[n] = value;
              }
            } else {
              if (!priceIsValid(value)) return this.stop();
              if (role === CLOSE) close = value;
            }
          }
        }
        // The cell ends here: at a separator (another cell follows), or at the line's end (the last cell,
        // or one after which the rest are absent, as readSeries reads a short row: none of them the time
        // or the close; an absent volume is NaN).
        end = pos < to ? bytes[pos]! : NEWLINE;
        if (end === sep) pos++;
        else if (end !== NEWLINE) return this.stop();
        else if (cell < cells - 1) {
          if (cell + 1 < this.required) return this.stop();
          if (cell < this.volumeCell) {
            wide ??= this.widen(n);
            wide[n] = Number.NaN;
          }
          break;
        }
      }
      // Cells past those read are only counted: a row of more cells than the header is readSeries' to
      // refuse (its cells are no longer under their names).
      if (end === sep) {
        let rowCells = cells + 1;
        for (; pos < to && bytes[pos] !== NEWLINE; pos++) if (bytes[pos] === sep) rowCells++;
        if (rowCells > this.headerCells) return this.stop();
      }
      pos++;
      closes[n] = close;
      n++;
      // Kept at each row rather than once after the loop: the compiler optimizes the loop while it runs,
      // before any code after it has run, and that code would then send it back to the interpreter.
      this.bars = n;
      this.previous = previous;
      this.month = knownMonth;
      this.monthBase = monthBase;
      this.monthDays = monthDays;
    }
    // biome-ignore-end lint/style/noNonNullAssertion: end of the loop.
    return true;
  }

  /**
   * The seconds of the day of the clock of `shape` at bytes[at...], or -1 when it is not one: HH:MM and
   * :SS two digits each, hours to 23, minutes and seconds to 59 (a time of day that exists, timeStyle's
   * rule), "T" or the space and the "Z" where the shape has them.
   */
  private clockAt(bytes: Uint8Array, at: number, to: number, shape: number): number {
    // biome-ignore-start lint/style/noNonNullAssertion: every position read is below at + clockLength(shape) <= to.
    const length = clockLength(shape);
    if (at + length > to || bytes[at] !== clockBetween(shape) || bytes[at + 3] !== COLON) return -1;
    const h0 = (bytes[at + 1]! - ZERO) >>> 0;
    const h1 = (bytes[at + 2]! - ZERO) >>> 0;
    const m0 = (bytes[at + 4]! - ZERO) >>> 0;
    const m1 = (bytes[at + 5]! - ZERO) >>> 0;
    if (h0 > 2 || h1 > 9 || m0 > 5 || m1 > 9) return -1;
    const hour = h0 * 10 + h1;
    if (hour > 23) return -1;
    let clock = hour * 3600 + (m0 * 10 + m1) * 60;
    if (clockHasSeconds(shape)) {
      const s0 = (bytes[at + 7]! - ZERO) >>> 0;
      const s1 = (bytes[at + 8]! - ZERO) >>> 0;
      if (bytes[at + 6] !== COLON || s0 > 5 || s1 > 9) return -1;
      clock += s0 * 10 + s1;
    }
    if (clockHasZone(shape) && bytes[at + length - 1] !== LETTER_Z) return -1;
    // biome-ignore-end lint/style/noNonNullAssertion: end of clockAt.
    return clock;
  }

  /** The clocks read (ClockColumns), undefined for a file of dates. */
  clockColumn(): Int32Array | undefined {
    return this.clocks;
  }

  /** Moves the volumes of bars 0 .. n-1 from the counts to doubles, where every later volume goes too. */
  private widen(n: number): Float64Array {
    // biome-ignore-start lint/style/noNonNullAssertion: only called with volumes in the layout, for bars below n.
    const counts = this.counts!;
    const wide = this.volumeColumns!.doubles();
    for (let i = 0; i < n; i++) wide[i] = counts[i]!;
    // biome-ignore-end lint/style/noNonNullAssertion: end of widen.
    this.wide = wide;
    return wide;
  }

  /** Stops at the row starting at `at`, for want of room in the columns (see fullAt). */
  private full(at: number): false {
    this.fullAt = at;
    return false;
  }

  /**
   * Reads on (from fullAt) into larger columns that hold the bars read so far: `closes`, `days`, and the
   * volume columns' counts or doubles, whichever this reader writes (ColumnScratch.grow).
   */
  resume(closes: Float64Array, days: Int32Array): void {
    this.closes = closes;
    this.days = days;
    if (this.clocks !== undefined) this.clocks = this.clockColumns.clocks();
    this.counts = this.volumeColumns?.counts;
    if (this.wide !== undefined) this.wide = this.volumeColumns?.doubles();
    this.fullAt = -1;
  }

  /** Gives up on the file: no more rows are read. */
  private stop(): false {
    this.bars = -1;
    this.previous = Number.POSITIVE_INFINITY;
    return false;
  }
}
