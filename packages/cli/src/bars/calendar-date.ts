// A calendar date's YYYY-MM-DD text from its day number: the column reader keeps each bar's date as a
// number and writes the text back only for the bars a detection names.

import { HYPHEN, ZERO } from "./char-codes";

/** Milliseconds in a day: a day number times this is the date's epoch value (UTC midnight). */
export const DAY_MS = 86_400_000;

/** Days from 0000-03-01 to 1970-01-01, and in a 400-year era of the Gregorian calendar. */
const EPOCH_SHIFT = 719_468;
const ERA_DAYS = 146_097;

/** A day of the month's two digits: "01" to "31". */
const DAY_OF_MONTH = Array.from({ length: 31 }, (_, i) => String(i + 1).padStart(2, "0"));
/** The days of each month of a common year. */
export const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The days of a month (1 to 12) of a year.
 *
 * @example
 * daysIn(2000, 2) // 29
 */
export function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  // biome-ignore lint/style/noNonNullAssertion: callers pass a month of 1..12, so month - 1 indexes MONTH_DAYS.
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

/**
 * The month of the last date written (this thread's): its first day number, the day number after its
 * last, and its "YYYY-MM-". A scan asks for the dates of bars near one another: most are in that month,
 * and their text is then its text and two digits (the calendar arithmetic took most of the time).
 */
let monthFirst = 0;
let monthEnd = 0;
let monthText = "";
/**
 * The month written before it: a window's last bar and its first extrema are often a month apart, so the
 * asks go back and forth between two months (a quarter of them changed month: 60 universe files).
 */
let otherFirst = 0;
let otherEnd = 0;
let otherText = "";

/**
 * The YYYY-MM-DD text of the date `days` after 1970-01-01 (years 0 to 9999, the ones that text can
 * write): the text that reads back as this day number, as Date's toISOString writes its date.
 *
 * @example
 * dateText(0)     // "1970-01-01"
 * dateText(18263) // "2020-01-02"
 */
export function dateText(days: number): string {
  // biome-ignore lint/style/noNonNullAssertion: within the month, days - monthFirst is 0 to 30.
  if (days >= monthFirst && days < monthEnd) return monthText + DAY_OF_MONTH[days - monthFirst]!;
  if (days >= otherFirst && days < otherEnd) {
    swapMonths();
    // biome-ignore lint/style/noNonNullAssertion: as above.
    return monthText + DAY_OF_MONTH[days - monthFirst]!;
  }
  return newMonthText(days);
}

/** Makes the month written before the month written, and the other way round. */
function swapMonths(): void {
  const first = monthFirst;
  const end = monthEnd;
  const text = monthText;
  monthFirst = otherFirst;
  monthEnd = otherEnd;
  monthText = otherText;
  otherFirst = first;
  otherEnd = end;
  otherText = text;
}

/** dateText of a day outside the two months last written: its month becomes the month written. */
function newMonthText(days: number): string {
  // Counted from 0000-03-01 so that the leap day ends a year (the civil-from-days algorithm).
  const shifted = days + EPOCH_SHIFT;
  const era = Math.floor(shifted / ERA_DAYS);
  const dayOfEra = shifted - era * ERA_DAYS;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  swapMonths();
  monthFirst = days - (day - 1);
  monthEnd = monthFirst + daysIn(year, month);
  monthText = String.fromCharCode(
    ZERO + Math.floor(year / 1000),
    ZERO + (Math.floor(year / 100) % 10),
    ZERO + (Math.floor(year / 10) % 10),
    ZERO + (year % 10),
    HYPHEN,
    ZERO + Math.floor(month / 10),
    ZERO + (month % 10),
    HYPHEN,
  );
  // biome-ignore lint/style/noNonNullAssertion: day is 1 to 31.
  return monthText + DAY_OF_MONTH[day - 1]!;
}
