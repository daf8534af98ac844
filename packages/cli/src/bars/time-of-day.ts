// A broker's intraday export writes each bar's date and its time of day in two columns (Date,Time,Close).
// Only the first time column is read (core's barColumns), so such a file is refused at a day's second bar,
// two bars of one date, and "not after the previous bar's" alone did not say that the Time column was
// never read. The refusal names it and how to give the file. No time is read from two columns: a bar's time
// is one cell, so the file is written again with one.

import { type Bar, barFieldNamed, barProblem, timeValue, unpadded } from "@stock-patterns/core";

/** A header's time column that is not read, beside the one that is (a Date's Time of day). */
export interface PassedOverTime {
  /** The time column read, as the header names it (unpadded): "Date". */
  read: string;
  /** The one passed over: "Time". */
  passedOver: string;
  /** Its column, 1-based as a user counts them. */
  column: number;
}

/**
 * The header's second time column, when it has one beside the `time` column read, else undefined.
 *
 * @example
 * passedOverTime(["Date", "Time", "Close"], 0) // { read: "Date", passedOver: "Time", column: 2 }
 * passedOverTime(["Date", "Close"], 0) // undefined
 */
export function passedOverTime(header: readonly string[], time: number): PassedOverTime | undefined {
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
 * What a refusal at a day's second bar adds when a time column is passed over: which, and how to write the
 * file so that each bar's time is in one column.
 *
 * @example
 * timeOfDayHint({ read: "Date", passedOver: "Time", column: 2 })
 * // "the Time column (column 2) is not read: of two time columns only the first, Date, is; ..."
 */
export function timeOfDayHint({ read, passedOver, column }: PassedOverTime): string {
  return (
    `the ${passedOver} column (column ${column}) is not read: of two time columns only the first, ${read}, is; ` +
    "write each bar's date and time of day in one column, as an ISO 8601 datetime such as 2024-03-01T09:30:00 " +
    '(another layout with --date-format, such as "DD/MM/YYYY HH:mm")'
  );
}
