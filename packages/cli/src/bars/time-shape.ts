// How a file writes its bars' times, learnt from its first row and held by every row after it: a date,
// a date and a time of day ("T" or a space, HH:MM with :SS or without, a "Z" or not), or an epoch number
// of seconds or of milliseconds. The column readers keep a bar's day number and the seconds (or, for epoch
// milliseconds, the milliseconds) into its day, and write its text back from them in the file's shape,
// byte for byte.
// biome-ignore-all lint/style/noNonNullAssertion: two-digit tables are indexed by 0..59, bytes below `to`.

import { dateText } from "./calendar-date";
import { COLON, LETTER_T, LETTER_Z, NEWLINE, SPACE } from "./char-codes";
import {
  AMBIGUOUS_DIGITS,
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
} from "./time-shape-codes";

/**
 * The epoch shape of a first row's time of `digits` digits (EPOCH_SECONDS or EPOCH_MILLISECONDS by their
 * count), or UNKNOWN_SHAPE when there are too many, or AMBIGUOUS_DIGITS or fewer (the file is left to
 * readSeries, which refuses eight digits by core's rule).
 *
 * @example
 * epochShapeOf(9) // EPOCH_SECONDS ("946909800")
 * epochShapeOf(8) // UNKNOWN_SHAPE ("20200102")
 */
export function epochShapeOf(digits: number): number {
  if (digits <= AMBIGUOUS_DIGITS || digits > MILLISECONDS_DIGITS) return UNKNOWN_SHAPE;
  return digits > SECONDS_DIGITS ? EPOCH_MILLISECONDS : EPOCH_SECONDS;
}

/** Whether a file of `shape` keeps a clock per bar: a time of day, or the rest of an epoch time's day. */
export const hasClocks = (shape: number): boolean => shape !== DATE_SHAPE && shape !== UNKNOWN_SHAPE;

/**
 * Separators the readers take no time of day with: one of them is a character of a time, so readSeries
 * would cut the cell where a reader of the whole time would not.
 */
const CLOCK_CHARACTERS = [LETTER_T, LETTER_Z, SPACE, COLON];

/**
 * The shape of the time after a date that ends at `at` (bytes[at] is the byte after the date, or `to`
 * when the row ends there) in a file separated by `sep`: DATE_SHAPE when the cell ends with the date, the
 * clock's shape when one of the shapes above follows, else UNKNOWN_SHAPE (the reader declines the file).
 * Only the shape's own characters are looked at here: its digits are read, and checked, with each row.
 *
 * @example
 * shapeAt(Buffer.from("T09:30:00Z,"), 0, 11, 44) // 10 ("T", seconds, "Z")
 */
export function shapeAt(bytes: Uint8Array, at: number, to: number, sep: number): number {
  const between = at < to ? bytes[at]! : -1;
  if (between === -1 || between === sep || between === NEWLINE) return DATE_SHAPE;
  if ((between !== LETTER_T && between !== SPACE) || CLOCK_CHARACTERS.includes(sep)) return UNKNOWN_SHAPE;
  let length = at + 6 < to && bytes[at + 6] === COLON ? 9 : 6;
  if (at + length < to && bytes[at + length] === LETTER_Z) length++;
  return length | (between === SPACE ? SPACE_BIT : 0);
}

/** The bytes a clock of `shape` takes after the date (0 for DATE_SHAPE). */
export const clockLength = (shape: number): number => (shape === DATE_SHAPE ? 0 : shape & LENGTH_BITS);

/** The byte between date and time in a clock of `shape`. */
export const clockBetween = (shape: number): number => ((shape & SPACE_BIT) !== 0 ? SPACE : LETTER_T);

/** Whether a clock of `shape` writes seconds. */
export const clockHasSeconds = (shape: number): boolean => clockLength(shape) >= 9;

/** Whether a clock of `shape` ends with "Z". */
export const clockHasZone = (shape: number): boolean => clockLength(shape) % 3 === 1;

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

/**
 * The text after the date of a bar whose time of day is `seconds`, in the file's `shape`.
 *
 * @example
 * clockText(34_200, 10) // "T09:30:00Z"
 */
export function clockText(seconds: number, shape: number): string {
  const hour = TWO_DIGITS[Math.floor(seconds / 3600)]!;
  const minute = TWO_DIGITS[Math.floor(seconds / 60) % 60]!;
  const text = `${clockBetween(shape) === SPACE ? " " : "T"}${hour}:${minute}`;
  const withSeconds = clockHasSeconds(shape) ? `${text}:${TWO_DIGITS[seconds % 60]!}` : text;
  return clockHasZone(shape) ? `${withSeconds}Z` : withSeconds;
}

/**
 * The text of the time of a bar on day `day` (days since 1970-01-01) at `clock` into it, in the file's
 * `shape`: the text the file gave it.
 *
 * @example
 * timeText(10_959, 34_200, 10) // "2000-01-03T09:30:00Z"
 * timeText(10_959, 34_200, EPOCH_SECONDS) // "946891800"
 */
export function timeText(day: number, clock: number, shape: number): string {
  if (shape === EPOCH_SECONDS) return String(day * DAY_SECONDS + clock);
  if (shape === EPOCH_MILLISECONDS) return String(day * DAY_MILLISECONDS + clock);
  const date = dateText(day);
  return shape === DATE_SHAPE ? date : date + clockText(clock, shape);
}
