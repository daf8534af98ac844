// Evidence over whole series, as of a time (PATTERNS.md "Evidence"): the running tally built in the
// stream's order, plus the median and KS test that need every value.

import { instantValue } from "../bars/time";
import { itemAt } from "../engine/indexed";
import { HORIZONS } from "../outcomes/spec";
import { succeeded } from "../outcomes/track";
import type { FollowedDetection } from "../outcomes/types";
import { type Bar, PATTERN_CODES, type PatternCode } from "../types";
import { sortedNumbers, sortNumbers } from "./sorted-numbers";
import { ksTest, medianOfSorted } from "./statistics";
import { codeTally, countResolved, countReturn, emptyEvidenceTally, runningEvidence } from "./tally";
import type { Evidence, ReturnSummary, RunningReturnSummary } from "./types";

/** One series and its detections with outcomes as of its last bar (as scanOutcomes gives them). */
export interface SeriesOutcomes {
  bars: readonly Bar[];
  /** Only code, detection time and outcome count. */
  detections: readonly Pick<FollowedDetection, "pattern" | "detectedAt" | "outcome">[];
}

/** Index of the last bar at or before time value `asOf` (-1 when none); bars are in time order. */
function lastBarAtOrBefore(bars: readonly Bar[], asOf: number): number {
  let low = 0;
  let high = bars.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (instantValue(itemAt(bars, mid).time) <= asOf) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** Reads an as-of time; throws RangeError when it is not one. */
export function asOfValue(asOf: string): number {
  const value = instantValue(asOf);
  if (Number.isNaN(value))
    throw new RangeError(`as-of time "${asOf}" is not a date, datetime or epoch number`);
  return value;
}

function withMedian(summary: RunningReturnSummary, sorted: Float64Array): ReturnSummary {
  return { n: summary.n, mean: summary.mean, median: medianOfSorted(sorted), upShare: summary.upShare };
}

/**
 * The evidence for every pattern code over `series` (pooled), counting only what was known at `asOf`
 * (default: the end of the data). One object per code, in the order of PATTERN_CODES.
 * Throws RangeError when `asOf` is not a readable time.
 *
 * @example
 * const [hs] = evidenceOf([{ bars, detections: scanOutcomes(bars) }], "2010-01-01");
 */
export function evidenceOf(series: readonly SeriesOutcomes[], asOf?: string): Evidence[] {
  const asOfTime = asOf === undefined ? Number.POSITIVE_INFINITY : asOfValue(asOf);
  const tally = emptyEvidenceTally();
  const values = new Map<PatternCode, number[][]>();
  // Every series' last bar known, then room for the baseline's returns: one per bar and horizon.
  const lasts = series.map(({ bars }) =>
    asOf === undefined ? bars.length - 1 : lastBarAtOrBefore(bars, asOfTime),
  );
  const baselineValues = HORIZONS.map(
    (h) => new Float64Array(lasts.reduce((sum, last) => sum + Math.max(0, last + 1 - h), 0)),
  );
  const baselineCounts = HORIZONS.map(() => 0);
  series.forEach(({ bars, detections }, s) => {
    const last = itemAt(lasts, s);
    const index = new Map<string, number>();
    for (let i = 0; i <= last; i++) index.set(itemAt(bars, i).time, i);
    for (const d of detections) {
      const e = index.get(d.detectedAt);
      if (e === undefined) continue;
      const code = codeTally(tally, d.pattern);
      code.detections++;
      const { outcome } = d;
      if (outcome.resolvedAt !== null && index.has(outcome.resolvedAt))
        countResolved(
          code,
          outcome.status as Exclude<typeof outcome.status, "open">,
          succeeded(d.pattern, outcome),
        );
      let lists = values.get(d.pattern);
      if (lists === undefined) {
        lists = HORIZONS.map(() => []);
        values.set(d.pattern, lists);
      }
      HORIZONS.forEach((h, i) => {
        if (e + h > last) return;
        const r = outcome.returns[i] as number;
        countReturn(itemAt(code.horizons, i), r);
        itemAt(lists, i).push(r);
      });
    }
    // The closes read once from the bar objects, for every horizon.
    const closes = new Float64Array(last + 1);
    for (let k = 0; k <= last; k++) closes[k] = itemAt(bars, k).close;
    HORIZONS.forEach((h, i) => {
      const tallied = itemAt(tally.baseline, i);
      const returns = itemAt(baselineValues, i);
      let at = itemAt(baselineCounts, i);
      for (let k = h; k <= last; k++) {
        // biome-ignore lint/style/noNonNullAssertion: k and k - h run over 0 .. last, the closes read.
        const r = closes[k]! / closes[k - h]! - 1;
        countReturn(tallied, r);
        returns[at++] = r;
      }
      baselineCounts[i] = at;
    });
  });
  // Sorted in place, the four through one scratch: each is fresh memory otherwise (20 MB for a universe).
  const scratch = new Float64Array(Math.max(...baselineValues.map((returns) => returns.length)));
  const baselineSorted = baselineValues.map((returns) => sortNumbers(returns, scratch));
  return PATTERN_CODES.map((code) => {
    const running = runningEvidence(code, codeTally(tally, code), tally.baseline);
    const lists = values.get(code) ?? HORIZONS.map(() => []);
    const horizons = {} as Evidence["horizons"];
    HORIZONS.forEach((h, i) => {
      const { returns, baseline, ...rest } = running.horizons[`${h}`];
      const sorted = sortedNumbers(itemAt(lists, i));
      const baselineOfHorizon = itemAt(baselineSorted, i);
      const withMedians = {
        returns: withMedian(returns, sorted),
        baseline: withMedian(baseline, baselineOfHorizon),
      };
      horizons[`${h}`] = { ...withMedians, ...rest, ks: ksTest(sorted, baselineOfHorizon) };
    });
    return { ...running, horizons };
  });
}
