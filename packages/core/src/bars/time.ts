// Bar times are kept verbatim; this gives them one order, as instants, and is the one rule of what a bar time
// may be: ISO 8601 dates and datetimes that exist on the calendar, or epoch seconds or milliseconds, naming
// an instant of the years 0000 to 9999 in UTC. Anything else (2020-02-30, 01/02/2020, "Jan 2 2020", 0x10,
// 9999-12-31T23:59:59-12:00) is not a time, nor is a text of exactly eight digits (20200102: a date without
// hyphens, or epoch seconds in 1970), wherever it comes in (a file, the API, the stream), since a guess
// could reorder a series.

import { clockIsValid, isoParts } from "./iso-instant";

const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

/** Index after the ASCII digits of `text` from `i` on. */
function skipDigits(text: string, i: number): number {
  let at = i;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code < ZERO || code > NINE) break;
    at++;
  }
  return at;
}

/** Integer digits of epoch seconds at most (1e11 s is in the year 5138), and of epoch milliseconds. */
const SECONDS_DIGITS = 11;
const MILLISECONDS_DIGITS = 13;

/**
 * The count of digits that is no epoch number: eight digits alone are ISO 8601's basic form of a date
 * (20200102, as finance exports write dates) and, as epoch seconds, an instant of 1970-04-26 to
 * 1973-03-03, which no market feed sends; reading either way would be a silent guess (timeStyle says so).
 */
export const AMBIGUOUS_DIGITS = 8;

/**
 * The ISO date a text of AMBIGUOUS_DIGITS ASCII digits writes as YYYYMMDD when that is a date on the
 * calendar, "" when the digits are no date, undefined for any other text: for saying why such a text is
 * refused, and what would read it (the CLI's --date-format YYYYMMDD).
 *
 * @example
 * ambiguousDate("20200102") // "2020-01-02"
 * ambiguousDate("12345678") // ""
 * ambiguousDate("2020-01-02") // undefined
 */
export function ambiguousDate(text: string): string | undefined {
  if (text.length !== AMBIGUOUS_DIGITS || skipDigits(text, 0) !== AMBIGUOUS_DIGITS) return undefined;
  const [year, month, day] = [digitsAt(text, 0, 4), digitsAt(text, 4, 6), digitsAt(text, 6, 8)];
  return calendarDateValue(year, month, day) === undefined
    ? ""
    : `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}`;
}

/**
 * The value of `text` when it is an epoch number as a bar time may write it (up to 11 digits with a
 * fraction or not, or 12 or 13 digits), else undefined. Read by hand because it runs for every bar (each
 * streamed bar is validated) and a regular expression and Number() measured several times slower.
 */
function bareEpochNumber(text: string): number | undefined {
  // Ten digits were tried already (timeValue).
  if (text.length === 13) {
    const milliseconds = thirteenDigits(text);
    if (milliseconds >= 0) return milliseconds;
  }
  let integer = 0;
  let i = 0;
  // Two digits per step, then one: a digit at a time made one long chain of dependent multiply-adds (and
  // each charCodeAt checks the string's kind again); this runs for every bar of every scan.
  for (; i + 1 < text.length; i += 2) {
    const high = text.charCodeAt(i) - ZERO;
    const low = text.charCodeAt(i + 1) - ZERO;
    if (high < 0 || high > 9 || low < 0 || low > 9) break;
    integer = integer * 100 + (high * 10 + low);
  }
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < ZERO || code > NINE) break;
    integer = integer * 10 + (code - ZERO);
  }
  // At most 13 digits: exact integers all the way (below 2^53), so the same value as Number()'s.
  if (i === 0) return undefined;
  if (i === text.length) return i <= MILLISECONDS_DIGITS && i !== AMBIGUOUS_DIGITS ? integer : undefined;
  if (i > SECONDS_DIGITS || text.charCodeAt(i) !== DOT) return undefined;
  const fractionEnd = skipDigits(text, i + 1);
  return fractionEnd > i + 1 && fractionEnd === text.length ? Number(text) : undefined;
}

/**
 * The value of `text` when it is ten ASCII digits (epoch seconds from 2001 to 2286, the common feed time),
 * else -1. Written out, without a loop: this runs for every bar of every scan, and the general loop's
 * checks and exits cost about 1.5 ms per million bars more.
 */
function tenDigits(text: string): number {
  const d0 = text.charCodeAt(0) - ZERO;
  const d1 = text.charCodeAt(1) - ZERO;
  const d2 = text.charCodeAt(2) - ZERO;
  const d3 = text.charCodeAt(3) - ZERO;
  const d4 = text.charCodeAt(4) - ZERO;
  const d5 = text.charCodeAt(5) - ZERO;
  const d6 = text.charCodeAt(6) - ZERO;
  const d7 = text.charCodeAt(7) - ZERO;
  const d8 = text.charCodeAt(8) - ZERO;
  const d9 = text.charCodeAt(9) - ZERO;
  // A code below "0" turns into a large unsigned number, so one test per digit covers both sides.
  if (
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    d2 >>> 0 > 9 ||
    d3 >>> 0 > 9 ||
    d4 >>> 0 > 9 ||
    d5 >>> 0 > 9 ||
    d6 >>> 0 > 9 ||
    d7 >>> 0 > 9 ||
    d8 >>> 0 > 9 ||
    d9 >>> 0 > 9
  )
    return -1;
  // Exact integers all the way (below 2^53), so the same value as the digit loop's and Number()'s.
  return (
    ((((d0 * 10 + d1) * 100 + (d2 * 10 + d3)) * 100 + (d4 * 10 + d5)) * 100 + (d6 * 10 + d7)) * 100 +
    (d8 * 10 + d9)
  );
}

/**
 * The value of `text` when it is thirteen ASCII digits (epoch milliseconds from 2001 to 2286, the other
 * common feed time), else -1: tenDigits' seconds and three more digits. Written out like tenDigits: the
 * general loop took 0.33x of the engine's time to check a million bars with such times, this 0.27x.
 */
function thirteenDigits(text: string): number {
  const seconds = tenDigits(text);
  const d10 = text.charCodeAt(10) - ZERO;
  const d11 = text.charCodeAt(11) - ZERO;
  const d12 = text.charCodeAt(12) - ZERO;
  if (seconds < 0 || d10 >>> 0 > 9 || d11 >>> 0 > 9 || d12 >>> 0 > 9) return -1;
  // Exact integers all the way (below 2^53), so the same value as the digit loop's and Number()'s.
  return seconds * 1000 + (d10 * 100 + d11 * 10 + d12);
}

const HYPHEN = MINUS;
const DAY_MS = 86_400_000;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number made of the four or two ASCII digits of `text` at [from, to), or -1 when one is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (the civil-from-days inverse, exact in integers). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The first and last instants a bar time may name: 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z.
 * Stored times are keyed by their instant's ISO form (sortableTime), and past these that form takes a sign
 * and six digits of year (+010000-01-01T11:59:59.000Z, -000001-12-31T23:00:00.000Z), which sorts as text
 * before every four-digit year. Only a zone offset reaches past them: the other readers here write four
 * digits of year without a zone, and the largest epoch number (99999999999 seconds) is in 5138.
 */
const FIRST_INSTANT = daysFromCivil(0, 1, 1) * DAY_MS;
export const LAST_INSTANT = daysFromCivil(10_000, 1, 1) * DAY_MS - 1;

/** What a time must be to name an instant within them, in words, for every reader's sentence. */
export const TIME_YEARS = "a time from the year 0000 to 9999 in UTC";

/**
 * Epoch milliseconds of a bare "YYYY-MM-DD" that is a date on the calendar (UTC midnight), or undefined
 * for anything else. Read by hand because daily bars
 * are the common case and Date.parse measured several times slower.
 *
 * @example
 * isoDateValue("1970-01-02") // 86400000
 * isoDateValue("2020-02-30") // undefined
 */
export function isoDateValue(text: string): number | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== HYPHEN || text.charCodeAt(7) !== HYPHEN) return undefined;
  return calendarDateValue(digitsAt(text, 0, 4), digitsAt(text, 5, 7), digitsAt(text, 8, 10));
}

/**
 * Epoch milliseconds of UTC midnight on a date of the proleptic Gregorian calendar, or undefined when
 * there is no such date (a negative part, month 13, 2020-02-30): isoDateValue's rule, for a reader that
 * has the date's digits as numbers (the CLI's, from a file's bytes).
 *
 * @example
 * calendarDateValue(1970, 1, 2)  // 86400000
 * calendarDateValue(2020, 2, 30) // undefined
 */
export function calendarDateValue(year: number, month: number, day: number): number | undefined {
  if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  // biome-ignore lint/style/noNonNullAssertion: month is 1..12 (checked above), so month - 1 indexes MONTH_DAYS.
  if (day > MONTH_DAYS[month - 1]! + (leap ? 1 : 0)) return undefined;
  return daysFromCivil(year, month, day) * DAY_MS;
}

const COLON = 58;
const SPACE = 32;
const LETTER_T = 84;
const LETTER_Z = 90;

/**
 * Epoch milliseconds of an ISO datetime "YYYY-MM-DDTHH:MM", with ":SS" and ".f" to ".fff" or not, a space
 * or "T" between date and time, "Z" or no zone (read as UTC, as timeValue reads it), on the calendar, hours
 * 0-23, minutes and seconds 0-59; undefined for anything else, which isoInstantValue then reads. Read by
 * hand for intraday bars, as isoDateValue for daily ones: a regular expression and Date.parse took about
 * 0.6 us a bar (300,000 one-minute bars: 64 ms of a scan's validation).
 *
 * @example
 * isoDateTimeValue("1970-01-02T00:01:00Z") // 86460000
 * isoDateTimeValue("1970-01-02 00:01") // 86460000
 * isoDateTimeValue("2020-02-30T00:00:00Z") // undefined (not on the calendar)
 */
export function isoDateTimeValue(text: string): number | undefined {
  const end = text.charCodeAt(text.length - 1) === LETTER_Z ? text.length - 1 : text.length;
  const between = text.charCodeAt(10);
  if (end < 16 || end > 23 || (between !== LETTER_T && between !== SPACE)) return undefined;
  if (text.charCodeAt(4) !== HYPHEN || text.charCodeAt(7) !== HYPHEN || text.charCodeAt(13) !== COLON)
    return undefined;
  const day = calendarDateValue(digitsAt(text, 0, 4), digitsAt(text, 5, 7), digitsAt(text, 8, 10));
  const hour = digitsAt(text, 11, 13);
  const minute = digitsAt(text, 14, 16);
  if (day === undefined || hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  const atMinute = day + (hour * 60 + minute) * 60_000;
  if (end === 16) return atMinute;
  const second = digitsAt(text, 17, 19);
  if (end < 19 || text.charCodeAt(16) !== COLON || second < 0 || second > 59) return undefined;
  if (end === 19) return atMinute + second * 1000;
  // A fraction of one to three digits: milliseconds (more digits: isoInstantValue's).
  const fraction = digitsAt(text, 20, end);
  if (end === 20 || text.charCodeAt(19) !== DOT || fraction < 0) return undefined;
  return atMinute + second * 1000 + fraction * (end === 21 ? 100 : end === 22 ? 10 : 1);
}

/** Epoch numbers below this magnitude are seconds, others milliseconds (1e11 s is in the year 5138, 1e11 ms in 1973). */
const SECONDS_BELOW = 1e11;

/** Epoch milliseconds of an epoch number in seconds or milliseconds (SECONDS_BELOW's rule). */
const epochInstant = (value: number): number => (value < SECONDS_BELOW ? value * 1000 : value);

/**
 * The instant of a bar time in epoch milliseconds, the one order of a series' times: ISO 8601 dates and
 * datetimes (without a zone read as UTC), epoch numbers below 1e11 as seconds and larger ones as
 * milliseconds, save exactly eight digits (AMBIGUOUS_DIGITS). Times in different styles compare as the instants they name, so a series whose epoch
 * numbers switch from seconds to milliseconds is in order only if its instants ascend. Returns NaN when
 * the text is not a time by the header's rule, an instant outside the years 0000 to 9999 in UTC included
 * (timeStyle says why).
 *
 * @example
 * timeValue("2020-01-02") < timeValue("2020-01-03") // true
 * timeValue("1577923200") === timeValue("2020-01-02") // true
 * timeValue("1577923200000") === timeValue("1577923200") // true
 */
export function timeValue(time: string): number {
  // The two common ten-character times here, ten digits (epoch seconds) and an ISO date (told apart by the
  // hyphen at 4, no number has one there), every other style in otherTimeValue: this head is small enough
  // for a per-bar loop (checkInto) to inline, which spares the calls of each bar's reading.
  if (time.length === 10) {
    if (time.charCodeAt(4) !== MINUS) {
      // Ten digits are below 1e11: seconds.
      const seconds = tenDigits(time);
      if (seconds >= 0) return seconds * 1000;
    } else {
      const day = isoDateValue(time);
      if (day !== undefined) return day;
    }
  }
  return otherTimeValue(time);
}

/**
 * Epoch milliseconds of a time in any style: the same function as timeValue, by the name that says what
 * it gives, for a time a person gives (--since, --as-of) against a series' times.
 *
 * @example
 * instantValue("1577923200") === instantValue("2020-01-02") // true
 */
export const instantValue: (time: string) => number = timeValue;

/** timeValue of a time its head did not read (see timeValue). */
function otherTimeValue(time: string): number {
  const epoch = bareEpochNumber(time);
  if (epoch !== undefined) return epochInstant(epoch);
  const day = isoDateValue(time);
  if (day !== undefined) return day;
  const instant = isoDateTimeValue(time);
  if (instant !== undefined) return instant;
  return isoInstantValue(time);
}

/**
 * Epoch milliseconds of an ISO 8601 date or datetime in any form isoParts takes that exists and names an
 * instant of the years 0000 to 9999 in UTC (FIRST_INSTANT to LAST_INSTANT), else NaN.
 */
function isoInstantValue(text: string): number {
  const instant = isoInstant(text);
  return instant >= FIRST_INSTANT && instant <= LAST_INSTANT ? instant : Number.NaN;
}

/** Epoch milliseconds of an ISO 8601 date or datetime in any form isoParts takes that exists, else NaN. */
function isoInstant(text: string): number {
  const parts = isoParts(text);
  if (parts === undefined || !clockIsValid(parts)) return Number.NaN;
  const day = calendarDateValue(parts.year, parts.month, parts.day);
  if (day === undefined) return Number.NaN;
  const offset = parts.offsetSign * (parts.offsetHours * 60 + parts.offsetMinutes);
  return day + ((parts.hour * 60 + parts.minute - offset) * 60 + parts.second) * 1000 + parts.millisecond;
}

/**
 * The ISO form of the instant `text` names when it is an ISO 8601 datetime on the calendar and the clock
 * whose instant lies outside the years 0000 to 9999 in UTC, which is then no time (see FIRST_INSTANT);
 * undefined for any other text. For saying why such a text is refused.
 *
 * @example
 * instantOutsideYears("9999-12-31T23:59:59-12:00") // "+010000-01-01T11:59:59.000Z"
 * instantOutsideYears("9999-12-31T23:59:59Z") // undefined (a time)
 */
export function instantOutsideYears(text: string): string | undefined {
  const instant = isoInstant(text);
  if (!Number.isFinite(instant) || (instant >= FIRST_INSTANT && instant <= LAST_INSTANT)) return undefined;
  return new Date(instant).toISOString();
}
