// A broker's intraday export writes each bar's date and its time of day in two columns (Date,Time,Close), or
// a JSON bar in two keys ({"date": ..., "time": ...}). Only the first time column or key is read (core's
// barColumns, parseBarsJson), so such a file is refused at a day's second bar, two bars of one date, and
// "not after the previous bar's" alone did not say that the Time column was never read; with the time of
// day first (Time,Date,Close), at its first bar, a time of day that is no date. The refusal names the
// column (or key) passed over and how to give the file. No time is read from two columns: a bar's time is
// one cell, so the file is written again with one.

import {
  type Bar,
  BarsError,
  barFieldNamed,
  barProblem,
  isJsonObject,
  parseBarsJson,
  quotedCell,
  timeValue,
  unpadded,
} from "@stock-patterns/core";

/** A header's time column that is not read, beside the one that is (a Date's Time of day). */
export interface PassedOverTime {
  /** The time column read, as the header names it (unpadded): "Date". */
  read: string;
  /** The one passed over: "Time". */
  passedOver: string;
  /** Its column, 1-based as a user counts them; none for a JSON bar's key, the names then being its keys. */
  column?: number;
}

/**
 * The header's second time column, when it has one beside the `time` column read, else undefined.
 *
 * @example
 * passedOverTime(["Date", "Time", "Close"], 0) // { read: "Date", passedOver: "Time", column: 2 }
 * passedOverTime(["Date", "Close"], 0) // undefined
 */
export function passedOverTime(
  header: readonly string[],
  time: number,
): Required<PassedOverTime> | undefined {
  const second = header.findIndex((cell, index) => index !== time && barFieldNamed(cell) === "time");
  if (second < 0) return undefined;
  return {
    read: unpadded(header[time] ?? ""),
    passedOver: unpadded(header[second] ?? ""),
    column: second + 1,
  };
}

/**
 * Whether the bar at `index` is refused for its order because it has the time of the bar before it, its
 * numbers being good: what a file whose time of day is in a column not read gives at a day's second bar.
 *
 * @example
 * repeatsTime([{ time: "2024-03-01", close: 1 }, { time: "2024-03-01", close: 2 }], 1) // true
 */
export function repeatsTime(bars: readonly Bar[], index: number): boolean {
  const bar = bars[index];
  const previous = bars[index - 1];
  if (bar === undefined || previous === undefined || barProblem(bar) !== undefined) return false;
  return timeValue(bar.time) === timeValue(previous.time);
}

/**
 * A JSON bar's key of time that is not read, beside the one that is (parseBarsJson reads the first key of
 * time with a value), else undefined.
 *
 * @example
 * passedOverKey({ date: "2024-03-01", time: "09:30:00", close: 1 }) // { read: "date", passedOver: "time" }
 */
export function passedOverKey(item: unknown): PassedOverTime | undefined {
  if (!isJsonObject(item)) return undefined;
  const [read, passedOver] = Object.keys(item).filter(
    (key) => item[key] != null && barFieldNamed(key) === "time",
  );
  return read === undefined || passedOver === undefined ? undefined : { read, passedOver };
}

/** The bar a JSON item alone reads as, or undefined when it is refused. */
function barOf(item: unknown): Bar | undefined {
  try {
    return parseBarsJson([item])[0];
  } catch (error) {
    if (error instanceof BarsError) return undefined;
    throw error;
  }
}

/** How the columns or keys are named and where one time goes. */
function wordsFor({ read, passedOver, column }: PassedOverTime) {
  return column === undefined
    ? {
        named: `the key ${quotedCell(passedOver)}`,
        of: "keys",
        first: quotedCell(read),
        one: "under one key",
      }
    : {
        named: `the ${passedOver} column (column ${column})`,
        of: "columns",
        first: read,
        one: "in one column",
      };
}

/** Which time is read, and how to write each bar's time as one, in a column or under a JSON key. */
function notRead(time: PassedOverTime, between = ""): string {
  const { named, of, first, one } = wordsFor(time);
  return (
    `${named}${between} is not read: of two time ${of} only the first, ${first}, is; ` +
    `write each bar's date and time of day ${one}, as an ISO 8601 datetime such as 2024-03-01T09:30:00 ` +
    '(another layout with --date-format, such as "DD/MM/YYYY HH:mm")'
  );
}

/**
 * What a refusal at a day's second bar adds when a time column (or JSON key) is passed over: which, and how
 * to write the file so that each bar's time is in one.
 *
 * @example
 * timeOfDayHint({ read: "Date", passedOver: "Time", column: 2 })
 * // "the Time column (column 2) is not read: of two time columns only the first, Date, is; ..."
 * timeOfDayHint({ read: "date", passedOver: "time" })
 * // 'the key "time" is not read: of two time keys only the first, "date", is; ...'
 */
export function timeOfDayHint(time: PassedOverTime): string {
  return notRead(time);
}

/** A time of day as an intraday export writes one: HH:MM or HH:MM:SS. */
const TIME_OF_DAY = /^\d\d:\d\d(:\d\d)?$/;
/** A date of three fields between one mark: 2024-03-01, 01/03/2024, 2024.03.01. */
const DATE = /^\d{1,4}([./-])\d{1,2}\1\d{1,4}$/;

/**
 * The refusal of a time read that is a time of day when the time column passed over holds a date
 * (Time,Date,Close: the date was meant to be read), else undefined. It stands in place of the time rule's
 * refusal, whose "--date-format reads others" no format bears out (none reads a time of day alone) and
 * whose "does not match --date-format", beside this advice, named the option twice.
 *
 * @example
 * timeOfDayRefusal("09:30", "2024-03-01", { read: "Time", passedOver: "Date", column: 2 })
 * // 'time "09:30" is a time of day, and the Date column (column 2), which holds a date, is not read: ...'
 */
export function timeOfDayRefusal(
  time: string,
  beside: string,
  passedOver: PassedOverTime,
): string | undefined {
  if (!TIME_OF_DAY.test(time) || !DATE.test(beside)) return undefined;
  return `time ${quotedCell(time)} is a time of day, and ${notRead(passedOver, ", which holds a date,")}`;
}

/** A time the rule reads, put in a JSON bar's place to ask whether its numbers are good. */
const ANY_GOOD_TIME = "2000-01-01";

/**
 * timeOfDayRefusal for a JSON bar whose first key of time holds a time of day and whose key passed over
 * holds a date ({"time": "09:30", "date": "2024-03-01"}), else undefined. Only when the bar's numbers are
 * good: parseBarsJson checks them before its time, so the refusal at its row is then the time's.
 *
 * @example
 * keyTimeOfDayRefusal({ time: "09:30", date: "2024-03-01", close: 1 })
 * // 'time "09:30" is a time of day, and the key "date", which holds a date, is not read: ...'
 */
export function keyTimeOfDayRefusal(item: unknown): string | undefined {
  const keys = passedOverKey(item);
  if (keys === undefined || !isJsonObject(item)) return undefined;
  const time = item[keys.read];
  const beside = item[keys.passedOver];
  if (typeof time !== "string" || typeof beside !== "string") return undefined;
  const refusal = timeOfDayRefusal(time, beside, keys);
  if (refusal === undefined || barOf({ ...item, [keys.read]: ANY_GOOD_TIME }) === undefined) return undefined;
  return refusal;
}
