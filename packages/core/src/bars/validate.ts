// The rules every series must meet before detection: valid numbers on every bar, strictly increasing time.

import type { Bar } from "../types";
import { BarsError } from "./errors";
import { barIsValid, barProblem } from "./rule";
import { timeValue } from "./time";

/**
 * Checks that `bar` may follow a bar at time value `previous` (its text `previousTime`): its numbers
 * meet the valid-bar rule (rule.ts), its time is readable and strictly later. Returns the bar's time value; throws BarsError naming `row`.
 *
 * @example
 * let last = Number.NEGATIVE_INFINITY;
 * last = checkNextBar({ time: "2020-01-02", close: 10 }, last, undefined, 1);
 */
export function checkNextBar(
  bar: Bar,
  previous: number,
  previousTime: string | undefined,
  row: number,
): number {
  const problem = barProblem(bar);
  if (problem) throw new BarsError(problem, row);
  const value = timeValue(bar.time);
  if (Number.isNaN(value))
    throw new BarsError(`time "${bar.time}" is not a date, datetime or epoch number`, row);
  if (value <= previous) {
    throw new BarsError(`time "${bar.time}" is not after the previous bar's "${previousTime}"`, row);
  }
  return value;
}

/**
 * Checks a series in place and returns it; throws BarsError naming the first offending row.
 * `rowOf(i)` maps an index to the row number users see (defaults to i + 1).
 *
 * @example
 * validateBars([{ time: "2020-01-02", close: 10 }, { time: "2020-01-03", close: 11 }])
 */
export function validateBars(bars: Bar[], rowOf: (index: number) => number = (i) => i + 1): Bar[] {
  return withValidatedCloses(bars, () => bars, rowOf);
}

/**
 * Checks a series like validateBars and returns its closes, read in the same pass (the scan needs them).
 *
 * @example
 * validatedCloses([{ time: "2020-01-02", close: 10 }]) // Float64Array [10]
 */
export function validatedCloses(bars: Bar[], rowOf: (index: number) => number = (i) => i + 1): Float64Array {
  return checkInto(bars, new Float64Array(bars.length), undefined, rowOf);
}

/** Columns kept for the next check: a fresh array is fresh memory, and its first touch of each page faults
 * (about 2,000 faults, 10 to 30 ms, for a million closes on our machines). Series up to KEEP_MAX bars. */
let keptCloses = new Float64Array(0);
let keptTimes: string[] = [];
let keptInUse = false;
const KEEP_MAX = 1 << 21;

/**
 * Checks a series like validateBars and hands `use` its closes and its bars' times, read in the same pass,
 * returning what `use` returns. Both are reused buffers, valid only during the call: `use` must not keep
 * them. The times let a scan name bars without reading their objects again (each a likely cache miss).
 *
 * @example
 * const detections = withValidatedCloses(bars, (closes, times) => scanCloses(closes, ...));
 */
export function withValidatedCloses<T>(
  bars: Bar[],
  use: (closes: Float64Array, times: readonly string[]) => T,
  rowOf: (index: number) => number = (i) => i + 1,
): T {
  // A call inside `use` (or a series too long to keep) gets fresh columns.
  if (keptInUse || bars.length > KEEP_MAX) {
    const times: string[] = new Array(bars.length).fill("");
    return use(checkInto(bars, new Float64Array(bars.length), times, rowOf), times);
  }
  if (keptCloses.length < bars.length) {
    keptCloses = new Float64Array(bars.length);
    keptTimes = new Array(bars.length).fill("");
  }
  keptInUse = true;
  try {
    return use(checkInto(bars, keptCloses, keptTimes, rowOf).subarray(0, bars.length), keptTimes);
  } finally {
    // Let go of the caller's time strings.
    keptTimes.fill("", 0, bars.length);
    keptInUse = false;
  }
}

/** The one pass: checks each bar and writes its close and time into `closes` and `times` (at least bars.length long). */
function checkInto(
  bars: Bar[],
  closes: Float64Array,
  times: string[] | undefined,
  rowOf: (index: number) => number,
): Float64Array {
  if (bars.length === 0) throw new BarsError("no bars: the series is empty");
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < bars.length; i++) {
    // biome-ignore lint/style/noNonNullAssertion: i runs over the bars' own indices (this loop is per bar).
    const bar = bars[i]!;
    // The common valid bar in one tight test; a bar that fails it goes through checkNextBar, which throws
    // the sentence (the same rule: barIsValid is what barProblem explains).
    const time = barIsValid(bar) ? timeValue(bar.time) : Number.NaN;
    previous = time > previous ? time : checkNextBar(bar, previous, bars[i - 1]?.time, rowOf(i));
    closes[i] = bar.close;
    if (times !== undefined) times[i] = bar.time;
  }
  return closes;
}
