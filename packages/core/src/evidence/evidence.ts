// Evidence over whole series, as of a time (PATTERNS.md "Evidence"): the running tally built in the
// stream's order, plus the median and KS test that need every value.

import { instantValue } from "../bars/time";
import { itemAt } from "../engine/indexed";
import { HORIZONS } from "../outcomes/spec";
import { succeeded } from "../outcomes/track";
import type { FollowedDetection } from "../outcomes/types";
import { type Bar, PATTERN_CODES, type PatternCode } from "../types";
import { sortNumbers } from "./sorted-numbers";
import { ksTest, medianOfSorted } from "./statistics";
import { codeTally, countResolved, countReturn, emptyEvidenceTally, runningEvidence } from "./tally";
import type { Evidence, ReturnSummary, RunningReturnSummary } from "./types";

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

/** Index of the last bar at or before time value `asOf` (-1 when none); bars are in time order. */
function lastBarAtOrBefore(bars: BarsRead, asOf: number): number {
  let low = 0;
  let high = bars.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (instantValue(bars.time(mid)) <= asOf) low = mid + 1;
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
  const pool = new EvidencePool(asOf);
  for (const one of series) pool.add(one);
  return pool.evidence();
}

/**
 * Bars 0 .. last of a series found by their time, as given: the bar whose time is that very text. By the
 * times' values, searched by halves (a Map of every bar's time took 525 ms of 4.4 s for a universe's
 * 2,500,000 bars: each time string hashed, the map grown).
 */
class BarIndex {
  private readonly values: Float64Array;

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

/** Numbers kept for the medians and KS tests: a typed array grown by doubling, `count` of it filled. */
class KeptNumbers {
  values = new Float64Array(1024);
  count = 0;

  /** Room for `more` numbers past `count`. */
  reserve(more: number): Float64Array {
    if (this.count + more > this.values.length) {
      const grown = new Float64Array(Math.max(2 * this.values.length, this.count + more));
      grown.set(this.values.subarray(0, this.count));
      this.values = grown;
    }
    return this.values;
  }

  push(r: number): void {
    this.reserve(1)[this.count++] = r;
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
  private readonly asOfTime: number;
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
    this.asOfTime = asOf === undefined ? Number.POSITIVE_INFINITY : asOfValue(asOf);
  }

  /** Counts one more series (in the order given: sums add up in it). */
  add({ bars: given, detections }: SeriesOutcomes): void {
    const { tally, values } = this;
    const bars = barsRead(given);
    const last = this.asOf === undefined ? bars.length - 1 : lastBarAtOrBefore(bars, this.asOfTime);
    const index = new BarIndex(bars, last);
    for (const d of detections) {
      const e = index.of(d.detectedAt);
      if (e === undefined) continue;
      const code = codeTally(tally, d.pattern);
      code.detections++;
      const { outcome } = d;
      if (outcome.resolvedAt !== null && index.of(outcome.resolvedAt) !== undefined)
        countResolved(
          code,
          outcome.status as Exclude<typeof outcome.status, "open">,
          succeeded(d.pattern, outcome),
        );
      let lists = values.get(d.pattern);
      if (lists === undefined) {
        lists = HORIZONS.map(() => new KeptNumbers());
        values.set(d.pattern, lists);
      }
      HORIZONS.forEach((h, i) => {
        if (e + h > last) return;
        const r = outcome.returns[i] as number;
        countReturn(itemAt(code.horizons, i), r);
        itemAt(lists, i).push(r);
      });
    }
    // The closes read once from the bars, for every horizon.
    const closes = bars.closes(Math.max(0, last + 1));
    this.seriesCloses.push(closes);
    this.closeCount += closes.length;
    HORIZONS.forEach((h, i) => {
      const tallied = itemAt(tally.baseline, i);
      // biome-ignore lint/style/noNonNullAssertion: k and k - h run over the series' closes.
      for (let k = h; k < closes.length; k++) countReturn(tallied, closes[k]! / closes[k - h]! - 1);
    });
  }

  /**
   * Writes into `into` the baseline's returns at horizon `h`: each series' own, from its closes (the same
   * expression add counted them with, so the same numbers), and returns the part written.
   */
  private baselineReturns(h: number, into: Float64Array): Float64Array {
    let at = 0;
    for (const closes of this.seriesCloses) {
      // biome-ignore lint/style/noNonNullAssertion: k and k - h run over the series' closes.
      for (let k = h; k < closes.length; k++) into[at++] = closes[k]! / closes[k - h]! - 1;
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
        const { returns, baseline: baselineSummary, ...rest } = itemAt(running, c).horizons[`${h}`];
        const kept = values.get(code)?.[i];
        const sorted =
          kept === undefined ? new Float64Array(0) : sortNumbers(kept.values.subarray(0, kept.count));
        const withMedians = {
          returns: withMedian(returns, sorted),
          baseline: withMedian(baselineSummary, baselineSorted),
        };
        itemAt(horizons, c)[`${h}`] = { ...withMedians, ...rest, ks: ksTest(sorted, baselineSorted) };
      });
    });
    return running.map((one, c) => ({ ...one, horizons: itemAt(horizons, c) }));
  }
}
