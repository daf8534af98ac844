// The common bar file's rows read into columns by WebAssembly: row-reader.ts's rules for the rows it takes
// (plain decimals of up to 15 digits, times in the first row's shape: YYYY-MM-DD dates with a time of day
// or without, or epoch seconds or milliseconds; the valid-bar rule, strictly increasing times).
// A `patterns scan` process reads its file cold: the JavaScript row loop runs in the interpreter and the
// baseline tier until TurboFan's code for it comes from the one spare core, busy with other compile jobs.
// V8 compiles this module in a few milliseconds and runs it near optimized speed from the first row, and
// warm it reads twice as fast (300,000 rows: 16 ms, RowReader 32): the 300k process's read 84 -> 68 ms of
// CPU, a universe worker's 250 files 347 -> 215 ms. At the first row it does not take it declines, and the
// JavaScript readers read the file, which say what is wrong and where, as before.

// The numbers the JavaScript readers name too, from their one source (plain constants, compiled here).
import { CLOSE, PRICE, SKIPPED, TIME, VOLUME } from "../src/bars/cell-roles";
import {
  COLON,
  DOT,
  HYPHEN,
  LETTER_T,
  LETTER_Z,
  MINUS,
  NEWLINE,
  PLUS,
  SPACE,
  ZERO,
} from "../src/bars/char-codes";
import { EXACT_DIGITS, MAX_COUNT } from "../src/bars/exact-numbers";
import {
  AMBIGUOUS_DIGITS,
  DATE_LENGTH,
  DATE_SHAPE,
  DAY_MILLISECONDS,
  DAY_SECONDS,
  EPOCH_MILLISECONDS,
  EPOCH_SECONDS,
  LENGTH_BITS,
  MILLISECONDS_DIGITS,
  SECONDS_DIGITS,
  SPACE_BIT,
  UNKNOWN_SHAPE,
} from "../src/bars/time-shape-codes";

/** What `read` answers: every row read, a row it does not take, or a row it has no room for. */
export const READ: i32 = 1;
export const DECLINED: i32 = 0;
/** The columns are full: the caller lays out larger ones and reads on from `stoppedAt`. */
export const FULL: i32 = 2;
/** A volume that is not a count, with counts laid out: the caller lays out doubles and reads on from `stoppedAt`. */
export const WIDEN: i32 = 3;

/** 10^0 .. 10^15: every one exact as a double. */
const POWERS_OF_TEN: StaticArray<f64> = [
  1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];
/** The days of each month of a common year. */
const MONTH_DAYS: StaticArray<i32> = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Where things are in memory (set by `layout`), and the rules (set by `rules`).
let roles: usize = 0;
let cells: i32 = 0;
let sep: i32 = 0;
let closes: usize = 0;
let days: usize = 0;
let clocks: usize = 0;
let volumes: usize = 0;
let capacity: i32 = 0;
/** Whether the volume column holds doubles (8 bytes a bar), else counts (u32). */
let doubles: bool = false;
/** The cells a row must have (row-layout.ts's requiredCells: up to its time and close), and the volume's cell or -1. */
let required: i32 = 0;
/** The header's cells: a row with more is not taken. */
let headerCells: i32 = 0;
let volumeCell: i32 = -1;
/** Whether the price rule takes every positive plain decimal (row-reader.ts's PLAIN_PRICES_VALID). */
let plainPricesValid: bool = false;
let priceMin: f64 = 0;
let priceMax: f64 = 0;
let volumeMax: f64 = 0;

// What has been read of the file: it carries over from one piece to the next, and to another instance
// when the caller lays the columns out again (each is an exported global the caller copies).
/** Bars read; -1 once the file is declined. */
export let bars: i32 = 0;
/** The last bar's instant, in seconds from 1970-01-01 (a date's is its midnight). */
export let previous: f64 = -Infinity;
/** How the file writes its times (time-shape.ts), learnt at its first row. */
export let shape: i32 = UNKNOWN_SHAPE;
/** The month of the last date read (year * 100 + month), the day number before its first day, its days. */
export let knownMonth: i32 = -1;
export let monthBase: i32 = 0;
export let monthDays: i32 = 0;
/** Where the row that stopped the reader starts (declined, full or to widen). */
export let stoppedAt: usize = 0;

/** The first byte past the module's own data: the caller lays out its memory from there. */
export function dataEnd(): usize {
  return __heap_base;
}

/** Sets where the roles (a byte per cell), the separator and the columns are. */
export function layout(
  rolesAt: usize,
  cellCount: i32,
  separator: i32,
  closesAt: usize,
  daysAt: usize,
  clocksAt: usize,
  volumesAt: usize,
  bars_: i32,
  volumesAreDoubles: bool,
  headerCellCount: i32,
): void {
  roles = rolesAt;
  cells = cellCount;
  sep = separator;
  closes = closesAt;
  days = daysAt;
  clocks = clocksAt;
  volumes = volumesAt;
  capacity = bars_;
  doubles = volumesAreDoubles;
  headerCells = headerCellCount;
  required = 0;
  volumeCell = -1;
  for (let cell = 0; cell < cellCount; cell++) {
    const role = <i32>load<u8>(rolesAt + cell);
    if (role === TIME || role === CLOSE) required = cell + 1;
    else if (role === VOLUME) volumeCell = cell;
  }
}

/** Sets the valid-bar rule's bounds (core's PRICE_RANGE and VOLUME_MAX). */
export function rules(plainPrices: bool, lowestPrice: f64, highestPrice: f64, highestVolume: f64): void {
  plainPricesValid = plainPrices;
  priceMin = lowestPrice;
  priceMax = highestPrice;
  volumeMax = highestVolume;
}

/** Forgets what was read: a new file. */
export function restart(): void {
  bars = 0;
  previous = -Infinity;
  shape = UNKNOWN_SHAPE;
  knownMonth = -1;
  monthBase = 0;
  monthDays = 0;
  stoppedAt = 0;
}

/**
 * Days from 1970-01-01 to a calendar date of years 0 to 9999 (the days-from-civil algorithm, years counted
 * from March so that the leap day ends one), as row-reader.ts's dayNumber.
 */
function dayNumber(year: i32, month: i32, date: i32): i32 {
  const fromMarch = year - i32(month <= 2);
  const era = (fromMarch + 400) / 400 - 1;
  const yearOfEra = fromMarch - era * 400;
  const dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + date - 1;
  const dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** time-shape.ts's shapeAt: the shape of what follows a date ending at `at`, or UNKNOWN_SHAPE. */
function shapeAt(at: usize, to: usize): i32 {
  const between = at < to ? <i32>load<u8>(at) : NEWLINE;
  if (between === sep || between === NEWLINE) return DATE_SHAPE;
  if (between !== LETTER_T && between !== SPACE) return UNKNOWN_SHAPE;
  if (sep === LETTER_T || sep === LETTER_Z || sep === SPACE || sep === COLON) return UNKNOWN_SHAPE;
  let length: i32 = at + 6 < to && <i32>load<u8>(at, 6) === COLON ? 9 : 6;
  if (at + <usize>length < to && <i32>load<u8>(at + <usize>length) === LETTER_Z) length++;
  return length | (between === SPACE ? SPACE_BIT : 0);
}

/** row-reader.ts's clockAt: the seconds of the day of the clock of `form` at `at`, or -1. */
function clockAt(at: usize, to: usize, form: i32): i32 {
  const length = form & LENGTH_BITS;
  if (at + <usize>length > to) return -1;
  const between = (form & SPACE_BIT) !== 0 ? SPACE : LETTER_T;
  if (<i32>load<u8>(at) !== between || <i32>load<u8>(at, 3) !== COLON) return -1;
  const h0 = <u32>load<u8>(at, 1) - ZERO;
  const h1 = <u32>load<u8>(at, 2) - ZERO;
  const m0 = <u32>load<u8>(at, 4) - ZERO;
  const m1 = <u32>load<u8>(at, 5) - ZERO;
  if (h0 > 2 || h1 > 9 || m0 > 5 || m1 > 9) return -1;
  const hour = <i32>(h0 * 10 + h1);
  if (hour > 23) return -1;
  let clock = hour * 3600 + <i32>(m0 * 10 + m1) * 60;
  if (length >= 9) {
    const s0 = <u32>load<u8>(at, 7) - ZERO;
    const s1 = <u32>load<u8>(at, 8) - ZERO;
    if (<i32>load<u8>(at, 6) !== COLON || s0 > 5 || s1 > 9) return -1;
    clock += <i32>(s0 * 10 + s1);
  }
  if (length % 3 === 1 && <i32>load<u8>(at + <usize>length - 1) !== LETTER_Z) return -1;
  return clock;
}

/**
 * Reads the rows of memory[from, to) (whole lines, the last one's break optional): READ when all are
 * read; else DECLINED, FULL or WIDEN at the row starting at `stoppedAt`.
 */
export function read(from: usize, to: usize): i32 {
  let n = bars;
  if (n < 0) return DECLINED;
  let last = previous;
  let form = shape;
  let month = knownMonth;
  let base = monthBase;
  let length = monthDays;
  let status = READ;
  let row = from;
  /** The last instant before the row being read: a row read again (FULL, WIDEN) is checked against it. */
  let before = last;
  let pos = from;
  while (pos < to) {
    // An empty line is skipped, as readSeries skips it.
    if (<i32>load<u8>(pos) === NEWLINE) {
      pos++;
      continue;
    }
    row = pos;
    before = last;
    if (n === capacity) {
      status = FULL;
      break;
    }
    let close: f64 = 0;
    let cell = 0;
    // What ended the last cell read: the separator when more cells follow the roles' cells.
    let end: i32 = NEWLINE;
    for (; cell < cells; cell++) {
      const role = <i32>load<u8>(roles + cell);
      if (role === SKIPPED) {
        while (pos < to) {
          const code = <i32>load<u8>(pos);
          if (code === sep || code === NEWLINE) break;
          pos++;
        }
      } else if (
        role === TIME &&
        (form >= EPOCH_SECONDS ||
          (form === UNKNOWN_SHAPE && !(pos + 4 < to && <i32>load<u8>(pos, 4) === HYPHEN)))
      ) {
        // An epoch number: digits, as many as the file's unit allows, no leading 0 (time-shape.ts).
        const start = pos;
        let value: i64 = 0;
        for (; pos < to; pos++) {
          const digit = <u32>load<u8>(pos) - ZERO;
          if (digit > 9) break;
          value = value * 10 + <i64>digit;
        }
        const digits = <i32>(pos - start);
        if (form === UNKNOWN_SHAPE) {
          // epochShapeOf's rule: AMBIGUOUS_DIGITS or fewer are left to readSeries.
          if (digits <= AMBIGUOUS_DIGITS || digits > MILLISECONDS_DIGITS) break;
          form = digits > SECONDS_DIGITS ? EPOCH_MILLISECONDS : EPOCH_SECONDS;
        }
        const milliseconds = form === EPOCH_MILLISECONDS;
        if (digits === 0 || digits > (milliseconds ? MILLISECONDS_DIGITS : SECONDS_DIGITS)) break;
        if (milliseconds && digits <= SECONDS_DIGITS) break;
        if (digits > 1 && <i32>load<u8>(start) === ZERO) break;
        // Exact integers (13 digits at most): ordered in the file's unit, as core orders their instants.
        const instant = <f64>value;
        if (!(instant > last)) break;
        last = instant;
        const unit: i64 = milliseconds ? DAY_MILLISECONDS : DAY_SECONDS;
        // Non-negative: a truncating division is the floor.
        const day = value / unit;
        store<i32>(days + ((<usize>n) << 2), <i32>day);
        store<i32>(clocks + ((<usize>n) << 2), <i32>(value - day * unit));
      } else if (role === TIME) {
        if (pos + DATE_LENGTH > to) break;
        if (<i32>load<u8>(pos, 4) !== HYPHEN || <i32>load<u8>(pos, 7) !== HYPHEN) break;
        // Each byte a digit: the byte minus ZERO, unsigned, at most 9.
        const y0 = <u32>load<u8>(pos) - ZERO;
        const y1 = <u32>load<u8>(pos, 1) - ZERO;
        const y2 = <u32>load<u8>(pos, 2) - ZERO;
        const y3 = <u32>load<u8>(pos, 3) - ZERO;
        const m0 = <u32>load<u8>(pos, 5) - ZERO;
        const m1 = <u32>load<u8>(pos, 6) - ZERO;
        const d0 = <u32>load<u8>(pos, 8) - ZERO;
        const d1 = <u32>load<u8>(pos, 9) - ZERO;
        if (max(max(max(y0, y1), max(y2, y3)), max(max(m0, m1), max(d0, d1))) > 9) break;
        const year = <i32>(y0 * 1000 + y1 * 100 + y2 * 10 + y3);
        const monthOfYear = <i32>(m0 * 10 + m1);
        const date = <i32>(d0 * 10 + d1);
        if (year * 100 + monthOfYear !== month) {
          if (monthOfYear < 1 || monthOfYear > 12) break;
          // calendar-date.ts's rule, as the JavaScript reader works it out.
          const leap = i32(year % 4 === 0) - i32(year % 100 === 0) + i32(year % 400 === 0);
          length = unchecked(MONTH_DAYS[monthOfYear - 1]) + leap * i32(monthOfYear === 2);
          base = dayNumber(year, monthOfYear, 1) - 1;
          month = year * 100 + monthOfYear;
        }
        if (date < 1 || date > length) break;
        const day = base + date;
        pos += DATE_LENGTH;
        let clock: i32 = 0;
        if (form !== DATE_SHAPE) {
          if (form === UNKNOWN_SHAPE) {
            form = shapeAt(pos, to);
            if (form === UNKNOWN_SHAPE) break;
          }
          if (form !== DATE_SHAPE) {
            clock = clockAt(pos, to, form);
            if (clock < 0) break;
            store<i32>(clocks + ((<usize>n) << 2), clock);
            pos += <usize>(form & LENGTH_BITS);
          }
        }
        const instant = <f64>day * <f64>DAY_SECONDS + <f64>clock;
        if (!(instant > last)) break;
        last = instant;
        store<i32>(days + ((<usize>n) << 2), day);
      } else {
        // A plain decimal (decimal.ts's simpleDecimal): a sign, then digits and a dot, 15 digits at most.
        const start = pos;
        let code = <i32>load<u8>(pos);
        const negative = code === MINUS;
        if (negative || code === PLUS) pos++;
        let integer: i64 = 0;
        let digits: i32 = 0;
        let fraction: i32 = -1;
        for (; pos < to; pos++) {
          code = <i32>load<u8>(pos);
          const digit = <u32>(code - ZERO);
          if (digit <= 9) {
            // Wraps only past 18 digits, which are refused below.
            integer = integer * 10 + <i64>digit;
            digits++;
          } else if (code === DOT && fraction < 0) fraction = digits;
          else break;
        }
        if (digits === 0 || digits > EXACT_DIGITS) {
          // An empty open, high, low or volume: absent, as readSeries reads it (an absent volume is NaN).
          // Told here, where a cell without digits stops, so a cell with them pays nothing for it.
          if (pos !== start || role === CLOSE) break;
          const after = pos < to ? <i32>load<u8>(pos) : NEWLINE;
          if (after !== sep && after !== NEWLINE) break;
          if (role === VOLUME) {
            if (!doubles) {
              status = WIDEN;
              break;
            }
            store<f64>(volumes + ((<usize>n) << 3), NaN);
          }
        } else if (role === PRICE && plainPricesValid) {
          // Open, high and low are only checked: a plain decimal's rule is its sign and a digit not 0.
          if (negative || integer === 0) break;
        } else {
          // Below 10^15 < 2^53: exact, and one division by an exact power of ten rounds once, as Number().
          const magnitude =
            fraction < 0 ? <f64>integer : <f64>integer / unchecked(POWERS_OF_TEN[digits - fraction]);
          const value = negative ? -magnitude : magnitude;
          if (role === VOLUME) {
            if (!(value === 0 || (value >= priceMin && value <= volumeMax))) break;
            if (doubles) store<f64>(volumes + ((<usize>n) << 3), value);
            else if (fraction < 0 && !negative && integer <= <i64>MAX_COUNT)
              store<u32>(volumes + ((<usize>n) << 2), <u32>integer);
            else {
              status = WIDEN;
              break;
            }
          } else {
            if (!(value >= priceMin && value <= priceMax)) break;
            if (role === CLOSE) close = value;
          }
        }
      }
      // The cell ends here: at a separator (another cell follows), or at the line's end (the last cell,
      // or one after which the rest are absent: none of them the time or the close; an absent volume is NaN).
      end = pos < to ? <i32>load<u8>(pos) : NEWLINE;
      if (end === sep) pos++;
      else if (end !== NEWLINE) break;
      else if (cell < cells - 1) {
        if (cell + 1 < required) break;
        if (cell < volumeCell) {
          if (!doubles) {
            status = WIDEN;
            break;
          }
          store<f64>(volumes + ((<usize>n) << 3), NaN);
        }
        cell = cells;
        break;
      }
    }
    if (cell < cells) {
      if (status === READ) status = DECLINED;
      break;
    }
    // Cells past those read are only counted: a row of more cells than the header is readSeries' to
    // refuse (its cells are no longer under their names).
    if (end === sep) {
      let rowCells = cells + 1;
      while (pos < to) {
        const code = <i32>load<u8>(pos);
        if (code === NEWLINE) break;
        if (code === sep) rowCells++;
        pos++;
      }
      if (rowCells > headerCells) {
        status = DECLINED;
        break;
      }
    }
    pos++;
    store<f64>(closes + ((<usize>n) << 3), close);
    n++;
  }
  // The row stopped at is not kept: FULL and WIDEN read it again, in columns laid out anew.
  bars = status === DECLINED ? -1 : n;
  previous = status === READ ? last : before;
  shape = form;
  knownMonth = month;
  monthBase = base;
  monthDays = length;
  if (status !== READ) stoppedAt = row;
  return status;
}
