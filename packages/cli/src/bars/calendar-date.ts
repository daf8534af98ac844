// A calendar date's YYYY-MM-DD text from its day number: the column reader keeps each bar's date as a
// number and writes the text back only for the bars a detection names.

/** Milliseconds in a day: a day number times this is the date's epoch value (UTC midnight). */
export const DAY_MS = 86_400_000;

const ZERO = 48;
/** Days from 0000-03-01 to 1970-01-01, and in a 400-year era of the Gregorian calendar. */
const EPOCH_SHIFT = 719_468;
const ERA_DAYS = 146_097;

/**
 * The YYYY-MM-DD text of the date `days` after 1970-01-01 (years 0 to 9999, the ones that text can
 * write): the text that reads back as this day number, as Date's toISOString writes its date.
 *
 * @example
 * dateText(0)     // "1970-01-01"
 * dateText(18263) // "2020-01-02"
 */
export function dateText(days: number): string {
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
  return String.fromCharCode(
    ZERO + Math.floor(year / 1000),
    ZERO + (Math.floor(year / 100) % 10),
    ZERO + (Math.floor(year / 10) % 10),
    ZERO + (year % 10),
    45,
    ZERO + Math.floor(month / 10),
    ZERO + (month % 10),
    45,
    ZERO + Math.floor(day / 10),
    ZERO + (day % 10),
  );
}
