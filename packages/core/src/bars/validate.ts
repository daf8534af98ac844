// The rules every series must meet before detection: valid numbers on every bar, strictly increasing time.

import type { Bar } from "../types";
import { BarsError } from "./errors";
import { barIsValid, barProblem } from "./rule";
import { timeValue } from "./time";
import { timeStyle } from "./time-style";

/**
 * The refusal of a bar whose time is not after the time of the bar before it, each as `time` and
 * `previousTime` give it: the one wording, which a file's reader may give with its times as written.
 *
 * @example
 * notAfterPrevious("2020-01-02", "2020-01-02") // 'time "2020-01-02" is not after the previous bar\'s "2020-01-02"'
 */
export function notAfterPrevious(time: string, previousTime: string | undefined): string {
  return `time "${time}" is not after the previous bar's "${previousTime}"`;
}

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
  if (Number.isNaN(value)) throw new BarsError(timeStyle(bar.time), row);
  if (value <= previous) {
    throw new BarsError(notAfterPrevious(bar.time, previousTime), row);
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
  return checkInto(bars, new Float64Array(bars.length), undefined, undefined, rowOf);
}

/** Columns kept for the next check: a fresh array is fresh memory, and its first touch of each page faults
 * (about 2,000 faults, 10 to 30 ms, for a million closes on our machines). Series up to KEEP_MAX bars. */
let keptCloses = new Float64Array(0);
let keptTimes: string[] = [];
let keptVolumeSums = new Float64Array(1);
let keptInUse = false;
const KEEP_MAX = 1 << 21;

/**
 * Checks a series like validateBars and hands `use` its closes, its bars' times and the running sums of
 * their volumes, read in the same pass, returning what `use` returns. All are reused buffers, valid only
 * during the call: `use` must not keep them. The times let a scan name bars without reading their objects
 * again (each a likely cache miss); the sums give a window's volume in two reads (see checkInto for when
 * there are none).
 *
 * @example
 * const detections = withValidatedCloses(bars, (closes, times, volumeSums) => scanCloses(closes, ...));
 */
export function withValidatedCloses<T>(
  bars: Bar[],
  use: (closes: Float64Array, times: readonly string[], volumeSums: Float64Array | undefined) => T,
  rowOf: (index: number) => number = (i) => i + 1,
): T {
  // A call inside `use` (or a series too long to keep) gets fresh columns.
  if (keptInUse || bars.length > KEEP_MAX) {
    const times: string[] = new Array(bars.length).fill("");
    const sums = new Float64Array(bars.length + 1);
    const closes = checkInto(bars, new Float64Array(bars.length), times, sums, rowOf);
    return use(closes, times, exactSums(sums, bars.length));
  }
  if (keptCloses.length < bars.length) {
    keptCloses = new Float64Array(bars.length);
    keptTimes = new Array(bars.length).fill("");
    keptVolumeSums = new Float64Array(bars.length + 1);
  }
  keptInUse = true;
  try {
    const closes = checkInto(bars, keptCloses, keptTimes, keptVolumeSums, rowOf).subarray(0, bars.length);
    return use(closes, keptTimes, exactSums(keptVolumeSums, bars.length));
  } finally {
    // Let go of the caller's time strings.
    keptTimes.fill("", 0, bars.length);
    keptInUse = false;
  }
}

/** The sums checkInto wrote, when they are exact (checkInto marks inexact ones with NaN at the end). */
function exactSums(sums: Float64Array, count: number): Float64Array | undefined {
  return Number.isNaN(sums[count]) ? undefined : sums;
}

/**
 * The one pass: checks each bar and writes its close and time into `closes` and `times` (at least
 * bars.length long), and into `volumeSums` (one longer) the sum of the volumes of the bars before each
 * index. The sums are kept only where they are exact: every bar carries an integer volume and their total
 * is a safe integer. Then every partial sum is an exact integer, so a window's sum taken as the difference
 * of two of them is the same number, to the bit, as the window's volumes added one by one in any order.
 * Otherwise the last sum is set to NaN, and readers add the volumes themselves.
 */
function checkInto(
  bars: Bar[],
  closes: Float64Array,
  times: string[] | undefined,
  volumeSums: Float64Array | undefined,
  rowOf: (index: number) => number,
): Float64Array {
  if (bars.length === 0) throw new BarsError("no bars: the series is empty");
  let previous = Number.NEGATIVE_INFINITY;
  // NaN as soon as one volume is missing or not an integer: NaN stays NaN through every later sum.
  let volumeSum = 0;
  for (let i = 0; i < bars.length; i++) {
    // biome-ignore lint/style/noNonNullAssertion: i runs over the bars' own indices (this loop is per bar).
    const bar = bars[i]!;
    // The common valid bar in one tight test; a bar that fails it goes through checkNextBar, which throws
    // the sentence (the same rule: barIsValid is what barProblem explains).
    const time = barIsValid(bar) ? timeValue(bar.time) : Number.NaN;
    previous = time > previous ? time : checkNextBar(bar, previous, bars[i - 1]?.time, rowOf(i));
    closes[i] = bar.close;
    if (times !== undefined) times[i] = bar.time;
    if (volumeSums !== undefined) {
      volumeSums[i] = volumeSum;
      const volume = bar.volume;
      volumeSum = volume !== undefined && Math.floor(volume) === volume ? volumeSum + volume : Number.NaN;
    }
  }
  if (volumeSums !== undefined)
    volumeSums[bars.length] = volumeSum <= Number.MAX_SAFE_INTEGER ? volumeSum : Number.NaN;
  return closes;
}
