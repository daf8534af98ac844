// A series refused for its order whose bars run newest first from end to end, as Alpha Vantage writes its
// CSV (and some JSON exports their arrays): its refusal says so and how to turn the file, which one pair of
// rows named does not tell a user.
// The file is not turned here: bars are read in the order written (docs/patterns.md "Input").

import { type Bar, barProblem, timeValue } from "@stock-patterns/core";

/** What a refusal of a newest-first series adds to the rows it names. */
export const NEWEST_FIRST =
  "the bars are newest first (each row's time is before the one above it); they must be oldest first: " +
  "reverse the rows below the header (on Linux: (head -n 1 FILE; tail -n +2 FILE | tac) > oldest-first.csv)";

/** The same for a JSON array of bars (json.ts: one whose bars read in the reverse order). */
export const NEWEST_FIRST_ARRAY =
  "the bars are newest first (each bar's time is before the one before it); they must be oldest first: " +
  "reverse the array (jq reverse FILE > oldest-first.json)";

/**
 * Whether `bars` is refused for its order at its second bar and every bar's time is before the one before
 * it, three bars or more: a series written newest first, not one bar out of place (two bars, the second
 * before the first, tell no more than that).
 *
 * @example
 * runsNewestFirst([{ time: "2020-01-06", close: 1 }, { time: "2020-01-03", close: 1 }, { time: "2020-01-02", close: 1 }]) // true
 */
export function runsNewestFirst(bars: readonly Bar[]): boolean {
  const [, second] = bars;
  if (bars.length < 3 || second === undefined || barProblem(second) !== undefined) return false;
  for (let i = 1; i < bars.length; i++)
    if (!(timeValue((bars[i] as Bar).time) < timeValue((bars[i - 1] as Bar).time))) return false;
  return true;
}
