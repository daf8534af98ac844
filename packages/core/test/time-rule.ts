// The rule of what a bar time is, written a second time for the tests with regular expressions and
// Date.parse, independently of the hand-written readers of src/bars/time.ts.

const EPOCH = /^(?:\d{1,11}(?:\.\d+)?|\d{12,13})$/;
/** Exactly eight digits: a date without hyphens or 1970's epoch seconds, and so no time. */
const AMBIGUOUS = /^\d{8}$/;
const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Epoch milliseconds of `text` by the rule: epoch seconds (up to 11 digits, a fraction or not; below 1e11)
 * or milliseconds (12 or 13 digits, 1e11 and up), but not exactly 8 digits, or an ISO 8601 date or datetime on the calendar and the
 * clock (no zone: UTC) of the years 0000 to 9999 in UTC; NaN for anything else.
 */
export function timeByTheRule(text: string): number {
  if (AMBIGUOUS.test(text)) return Number.NaN;
  if (EPOCH.test(text)) {
    const value = Number(text);
    return value < 1e11 ? value * 1000 : value;
  }
  const match = ISO.exec(text);
  if (match === null) return Number.NaN;
  const [, date = "", hour = "00", minute = "00", second = "00", fraction = "", zone = "Z"] = match;
  // Date.parse rolls a day past the month's end over (2020-02-30 is 1 March): a date exists when it reads back.
  const midnight = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(midnight) || new Date(midnight).toISOString().slice(0, 10) !== date) return Number.NaN;
  const offset = zone === "Z" ? zone : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const clock = [hour, minute, second, offset.slice(1, 3), offset.slice(4)].map(Number);
  const [h = 0, m = 0, s = 0, oh = 0, om = 0] = clock;
  if (h > 23 || m > 59 || s > 59 || (offset !== "Z" && (oh > 23 || om > 59))) return Number.NaN;
  const instant = Date.parse(
    `${date}T${hour}:${minute}:${second}.${fraction.padEnd(3, "0").slice(0, 3)}${offset}`,
  );
  // An instant whose ISO form has no four-digit year (+010000-..., -000001-...) is outside the years 0000
  // to 9999 in UTC, and so no time.
  return !Number.isNaN(instant) && /^\d{4}-/.test(new Date(instant).toISOString()) ? instant : Number.NaN;
}
