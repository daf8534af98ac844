// Evidence over whole series, as of a time (PATTERNS.md "Evidence"): the running tally built in the
// stream's order, plus the median and KS test that need every value.

import { itemAt } from "../engine/indexed";
import { forwardReturn, HORIZONS } from "../outcomes/spec";
import { RESOLVED_STATUSES } from "../outcomes/types";
import { PATTERN_CODES, type PatternCode } from "../types";
import { asOfValue, countSeries, type SeriesCount, type SeriesOutcomes, SUCCEEDED } from "./series-count";
import { sortNumbers } from "./sorted-numbers";
import { ksTest, medianOfSorted } from "./statistics";
import { codeTally, countResolved, countReturn, emptyEvidenceTally, runningEvidence } from "./tally";
import type {
  CodeTally,
  Evidence,
  HorizonEvidence,
  ReturnSummary,
  RunningHorizonEvidence,
  RunningReturnSummary,
} from "./types";

function withMedian(summary: RunningReturnSummary, sorted: Float64Array): ReturnSummary {
  return { n: summary.n, mean: summary.mean, median: medianOfSorted(sorted), upShare: summary.upShare };
}

/**
 * A horizon's running evidence made whole: the medians and the KS test, from its returns and the
 * baseline's, each sorted ascending.
 */
export function wholeHorizon(
  running: RunningHorizonEvidence,
  sorted: Float64Array,
  baselineSorted: Float64Array,
): HorizonEvidence {
  const { returns, baseline, ...rest } = running;
  const withMedians = {
    returns: withMedian(returns, sorted),
    baseline: withMedian(baseline, baselineSorted),
  };
  return { ...withMedians, ...rest, ks: ksTest(sorted, baselineSorted) };
}

/** Counts a detection's outcome as SeriesCount.outcomes holds it, when resolved (not 0). */
export function countOutcome(code: CodeTally, outcome: number): void {
  if (outcome !== 0)
    countResolved(code, itemAt(RESOLVED_STATUSES, (outcome & ~SUCCEEDED) - 1), (outcome & SUCCEEDED) !== 0);
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
  const pool = new EvidencePool(asOf);
  for (const one of series) pool.add(one);
  return pool.evidence();
}

/** Numbers kept for the medians and KS tests: a typed array grown by doubling, `count` of it filled. */
class KeptNumbers {
  values = new Float64Array(1024);
  count = 0;

  push(r: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(2 * this.values.length);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = r;
  }
}

/**
 * evidenceOf a series at a time: `add` counts a series and keeps only its returns and closes, so a caller
 * with many series (`patterns stats` on a universe) holds one series' bars at a time, not all of them.
 *
 * @example
 * const pool = new EvidencePool("2010-01-01");
 * for (const file of files) pool.add(seriesOf(file));
 * const evidence = pool.evidence();
 */
export class EvidencePool {
  private readonly tally = emptyEvidenceTally();
  /** Per code, each horizon's returns of its detections. */
  private readonly values = new Map<PatternCode, KeptNumbers[]>();
  /**
   * Each series' closes up to its last bar counted: the baseline's returns are made from them when the
   * evidence is asked for, a horizon at a time, into one array, rather than kept for each horizon as series
   * come (for a universe, four arrays of 2,500,000 grown by doubling, each copied at every doubling).
   */
  private readonly seriesCloses: Float64Array[] = [];
  /** How many closes seriesCloses holds. */
  private closeCount = 0;

  /** Throws RangeError when `asOf` is not a readable time. */
  constructor(private readonly asOf?: string) {
    if (asOf !== undefined) asOfValue(asOf);
  }

  /** Counts one more series (in the order given: sums add up in it). */
  add(series: SeriesOutcomes): void {
    this.addCount(countSeries(series, this.asOf));
  }

  /**
   * Counts one more series, counted already as of this pool's time (countSeries, perhaps in another
   * thread), in the order given: sums add up in it.
   */
  addCount({ closes, codes, detectionBars, outcomes, returns }: SeriesCount): void {
    const { tally, values } = this;
    const last = closes.length - 1;
    const horizons = HORIZONS.length;
    for (let d = 0; d < codes.length; d++) {
      const pattern = itemAt(PATTERN_CODES, codes[d] as number);
      const code = codeTally(tally, pattern);
      code.detections++;
      countOutcome(code, outcomes[d] as number);
      let lists = values.get(pattern);
      if (lists === undefined) {
        lists = HORIZONS.map(() => new KeptNumbers());
        values.set(pattern, lists);
      }
      const e = detectionBars[d] as number;
      HORIZONS.forEach((h, i) => {
        if (e + h > last) return;
        const r = returns[d * horizons + i] as number;
        countReturn(itemAt(code.horizons, i), r);
        itemAt(lists, i).push(r);
      });
    }
    this.seriesCloses.push(closes);
    this.closeCount += closes.length;
    HORIZONS.forEach((h, i) => {
      const tallied = itemAt(tally.baseline, i);
      // biome-ignore lint/style/noNonNullAssertion: k and k - h run over the series' closes.
      for (let k = h; k < closes.length; k++) countReturn(tallied, forwardReturn(closes[k - h]!, closes[k]!));
    });
  }

  /**
   * Writes into `into` the baseline's returns at horizon `h`: each series' own, from its closes (by
   * forwardReturn, as addCount counted them, so the same numbers), and returns the part written.
   */
  private baselineReturns(h: number, into: Float64Array): Float64Array {
    let at = 0;
    for (const closes of this.seriesCloses) {
      // biome-ignore lint/style/noNonNullAssertion: k and k - h run over the series' closes.
      for (let k = h; k < closes.length; k++) into[at++] = forwardReturn(closes[k - h]!, closes[k]!);
    }
    return into.subarray(0, at);
  }

  /** The evidence of every series added (the pool is then done with). */
  evidence(): Evidence[] {
    const { tally, values } = this;
    const running = PATTERN_CODES.map((code) =>
      runningEvidence(code, codeTally(tally, code), tally.baseline),
    );
    const horizons = PATTERN_CODES.map(() => ({}) as Evidence["horizons"]);
    // One horizon's baseline at a time, sorted in place through one scratch: each is fresh memory otherwise.
    const baseline = new Float64Array(this.closeCount);
    const scratch = new Float64Array(this.closeCount);
    HORIZONS.forEach((h, i) => {
      const baselineSorted = sortNumbers(this.baselineReturns(h, baseline), scratch);
      PATTERN_CODES.forEach((code, c) => {
        const kept = values.get(code)?.[i];
        const sorted =
          kept === undefined ? new Float64Array(0) : sortNumbers(kept.values.subarray(0, kept.count));
        itemAt(horizons, c)[`${h}`] = wholeHorizon(
          itemAt(running, c).horizons[`${h}`],
          sorted,
          baselineSorted,
        );
      });
    });
    return running.map((one, c) => ({ ...one, horizons: itemAt(horizons, c) }));
  }
}
