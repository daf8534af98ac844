// What one series adds to the evidence as of a time (PATTERNS.md "Evidence"), counted apart from the pool
// that adds it up: the detections known by then with their outcomes and returns, and the closes the
// baseline's returns come from. Plain data, so a series may be counted in another thread (patterns stats).

import { instantValue } from "../bars/time";
import { timeStyle } from "../bars/time-style";
import { itemAt } from "../engine/indexed";
import { HORIZONS } from "../outcomes/spec";
import { succeeded } from "../outcomes/track";
import { type FollowedDetection, RESOLVED_STATUSES } from "../outcomes/types";
import { type Bar, PATTERN_CODES } from "../types";

/**
 * A series' bars as the evidence reads them: a Bar array, or columns (how many bars, their closes, and each
 * bar's time by index).
 */
export type EvidenceBars =
  | readonly Bar[]
  | { readonly length: number; readonly closes: Float64Array; time(i: number): string };

/** One series and its detections with outcomes as of its last bar (as scanOutcomes gives them). */
export interface SeriesOutcomes {
  bars: EvidenceBars;
  /** Only code, detection time and outcome count. */
  detections: readonly Pick<FollowedDetection, "pattern" | "detectedAt" | "outcome">[];
}

/** A series' bars read by index, whichever form they come in. */
interface BarsRead {
  length: number;
  time(i: number): string;
  /** The closes of bars 0 .. count-1, in an array of their own. */
  closes(count: number): Float64Array;
}

function barsRead(bars: EvidenceBars): BarsRead {
  if (!Array.isArray(bars)) {
    const columns = bars as Exclude<EvidenceBars, readonly Bar[]>;
    return {
      length: columns.length,
      time: (i) => columns.time(i),
      closes: (count) => columns.closes.slice(0, count),
    };
  }
  const list = bars as readonly Bar[];
  return {
    length: list.length,
    time: (i) => itemAt(list, i).time,
    closes: (count) => Float64Array.from({ length: count }, (_, i) => itemAt(list, i).close),
  };
}

/**
 * Index of the last of `count` times in ascending order, read by `valueAt` (instantValue), at or before time
 * value `asOf`; -1 when none is.
 *
 * @example
 * lastAtOrBefore(count.times.length, (i) => count.times[i] as number, asOfValue("2010-01-01"))
 */
export function lastAtOrBefore(count: number, valueAt: (i: number) => number, asOf: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (valueAt(mid) <= asOf) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/**
 * Reads an as-of time (a bar time by core's rule, bars/time.ts); throws RangeError when it is not one.
 *
 * @example
 * asOfValue("2010-01-01") // 1262304000000
 * asOfValue("01/01/2010") // throws RangeError: as-of time "01/01/2010" is not an ISO 8601 date or …
 */
export function asOfValue(asOf: string): number {
  const value = instantValue(asOf);
  if (Number.isNaN(value)) throw new RangeError(`as-of ${timeStyle(asOf)}`);
  return value;
}

/**
 * Bars 0 .. last of a series found by their time, as given: the bar whose time is that very text. By the
 * times' values, searched by halves (a Map of every bar's time took 525 ms of 4.4 s for a universe's
 * 2,500,000 bars: each time string hashed, the map grown).
 */
class BarIndex {
  /** Each bar's time value (instantValue), bars 0 .. last. */
  readonly values: Float64Array;

  /** `bars` in strictly increasing time, as a checked series is. */
  constructor(
    private readonly bars: BarsRead,
    last: number,
  ) {
    this.values = new Float64Array(Math.max(0, last + 1));
    for (let i = 0; i <= last; i++) this.values[i] = instantValue(bars.time(i));
  }

  /** The index of the bar (up to `last`) whose time is `time`, or undefined when none is. */
  of(time: string): number | undefined {
    const { values } = this;
    const value = instantValue(time);
    let low = 0;
    let high = values.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      // biome-ignore lint/style/noNonNullAssertion: mid < values.length.
      if (values[mid]! < value) low = mid + 1;
      else high = mid;
    }
    return low < values.length && this.bars.time(low) === time ? low : undefined;
  }
}

/**
 * What one series adds to the evidence as of a time. Its detections known by then are listed in the
 * series' order, each by its code, its bar and its outcome; typed arrays, so the count crosses threads
 * by a plain copy.
 */
export interface SeriesCount {
  /** The closes of the bars known by then (bars 0 .. last). */
  closes: Float64Array;
  /** Each detection's code, as its index in PATTERN_CODES. */
  codes: Uint8Array;
  /** Each detection's bar: the index of its detectedAt. */
  detectionBars: Int32Array;
  /**
   * Each detection's outcome as known by then: 0 while unresolved, else 1 + its status's index in
   * RESOLVED_STATUSES, plus SUCCEEDED when it counts as a success.
   */
  outcomes: Uint8Array;
  /**
   * Each detection's resolvedAt bar, the index of its resolvedAt; -1 while unresolved by then (as `outcomes`
   * has it): when its outcome became known, for the evidence as of an earlier time (evidenceAtTimes).
   */
  resolvedBars: Int32Array;
  /** Each detection's forward returns, HORIZONS.length of them (those past the last bar never read). */
  returns: Float64Array;
  /**
   * Each bar's time as a number (instantValue), bars 0 .. last: where the returns of several series fall
   * on one calendar, for the lift's interval (lift-dependence.ts).
   */
  times: Float64Array;
}

/** The flag of SeriesCount.outcomes for a detection that succeeded. */
export const SUCCEEDED = 0x10;

/**
 * Counts one series as of `asOf` (default: its last bar): its detections whose bar is known by then, and
 * whether each was resolved by then.
 * Throws RangeError when `asOf` is not a readable time.
 *
 * @example
 * const count = countSeries({ bars, detections: scanOutcomes(bars) }, "2010-01-01");
 */
export function countSeries({ bars: given, detections }: SeriesOutcomes, asOf?: string): SeriesCount {
  const bars = barsRead(given);
  const last =
    asOf === undefined
      ? bars.length - 1
      : lastAtOrBefore(bars.length, (i) => instantValue(bars.time(i)), asOfValue(asOf));
  const index = new BarIndex(bars, last);
  const codes: number[] = [];
  const at: number[] = [];
  const outcomes: number[] = [];
  const resolvedBars: number[] = [];
  const returns: number[] = [];
  for (const d of detections) {
    const e = index.of(d.detectedAt);
    if (e === undefined) continue;
    const { outcome } = d;
    codes.push(PATTERN_CODES.indexOf(d.pattern));
    at.push(e);
    const resolved = outcome.resolvedAt === null ? undefined : index.of(outcome.resolvedAt);
    resolvedBars.push(resolved ?? -1);
    outcomes.push(
      resolved === undefined
        ? 0
        : 1 +
            RESOLVED_STATUSES.indexOf(outcome.status as (typeof RESOLVED_STATUSES)[number]) +
            (succeeded(d.pattern, outcome) ? SUCCEEDED : 0),
    );
    for (let i = 0; i < HORIZONS.length; i++) returns.push(outcome.returns[i] ?? Number.NaN);
  }
  return {
    closes: bars.closes(Math.max(0, last + 1)),
    codes: Uint8Array.from(codes),
    detectionBars: Int32Array.from(at),
    outcomes: Uint8Array.from(outcomes),
    resolvedBars: Int32Array.from(resolvedBars),
    returns: Float64Array.from(returns),
    times: index.values,
  };
}
