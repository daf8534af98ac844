// Evidence of one series as of many times (PATTERNS.md "Evidence"): what evidenceOf answers as of each, for
// a caller that needs a code's evidence at each of its detections (POST /patterns' alerts), in one pass.
//
// evidenceOf as of a time counts its series from the start (every bar's time read, the baseline's returns
// made and sorted, every code's KS tests): at the API's largest input (4,439 bars, 303 alerts) once per
// alert's time took 470 ms of CPU, this pass 22 (medians of 11). Here the series is counted once, at its
// end, and the times are taken in order: each adds what became known since the one before, in the order
// evidenceOf adds it (detections in their order, the baseline bar by bar), so every sum is made of the
// same numbers in the same order, and every sorted list is the same.
// biome-ignore-all lint/style/noNonNullAssertion: indices stay below the arrays' lengths, the counts' sizes.

import { forwardReturn, HORIZONS } from "../outcomes/spec";
import { PATTERN_CODES, type PatternCode } from "../types";
import { countOutcome, evidenceOf, wholeHorizon } from "./evidence";
import {
  asOfValue,
  countSeries,
  lastAtOrBefore,
  type SeriesCount,
  type SeriesOutcomes,
} from "./series-count";
import { codeTally, countReturn, emptyEvidenceTally, runningEvidence } from "./tally";
import type { Evidence, EvidenceTally } from "./types";

/** A code's evidence wanted as of a time. */
export interface EvidenceAsk {
  pattern: PatternCode;
  asOf: string;
}

/**
 * The evidence of `series` for each ask: its code's, as of its time, equal to evidenceOf's for that series
 * and time to the bit. Throws RangeError when a time is not readable.
 *
 * @example
 * const [hs] = evidenceAtTimes({ bars, detections }, [{ pattern: "HS", asOf: "2010-01-04" }]);
 */
export function evidenceAtTimes(series: SeriesOutcomes, asks: readonly EvidenceAsk[]): Evidence[] {
  if (asks.length === 0) return [];
  const count = countSeries(series);
  const { times } = count;
  const lasts = asks.map(({ asOf }) => lastAtOrBefore(times.length, (i) => times[i]!, asOfValue(asOf)));
  // Out of time order, a later time's sums would add the same returns in another order than evidenceOf.
  if (!inTimeOrder(count.detectionBars)) return oneByOne(series, asks);
  const counted = new RunningCount(count);
  const answers = new Array<Evidence>(asks.length);
  for (const a of [...asks.keys()].sort((x, y) => lasts[x]! - lasts[y]!)) {
    counted.through(lasts[a]!);
    answers[a] = counted.evidence(asks[a]!.pattern);
  }
  return answers;
}

function inTimeOrder(bars: Int32Array): boolean {
  for (let d = 1; d < bars.length; d++) if (bars[d]! < bars[d - 1]!) return false;
  return true;
}

/** evidenceOf as of each time asked, once per time. */
function oneByOne(series: SeriesOutcomes, asks: readonly EvidenceAsk[]): Evidence[] {
  const atTime = new Map<string, Evidence[]>();
  return asks.map(({ pattern, asOf }) => {
    let evidence = atTime.get(asOf);
    if (evidence === undefined) {
      evidence = evidenceOf([series], asOf);
      atTime.set(asOf, evidence);
    }
    return evidence[PATTERN_CODES.indexOf(pattern)]!;
  });
}

/**
 * A series' count at its end, taken bar by bar up to a time: the tally evidenceOf makes as of it, and every
 * return it keeps, sorted.
 */
class RunningCount {
  private readonly tally: EvidenceTally = emptyEvidenceTally();
  /** Per code (in the order of PATTERN_CODES), each horizon's returns of its detections. */
  private readonly kept = PATTERN_CODES.map(() => HORIZONS.map(() => new SortedNumbers()));
  private readonly baseline = HORIZONS.map(() => new SortedNumbers());
  /** The detections in the order their outcomes became known: by the bar of their resolvedAt. */
  private readonly resolutions: number[];
  /** The last bar taken. */
  private last = -1;
  /** How many detections (in their order) are counted, how many outcomes, and returns at each horizon. */
  private detections = 0;
  private resolved = 0;
  private readonly returned = HORIZONS.map(() => 0);

  /** `count` is at its series' end, its detections in time order. */
  constructor(private readonly count: SeriesCount) {
    const { detectionBars, outcomes, resolvedBars } = count;
    // Known when both its detection and its resolvedAt bar are: a resolvedAt before detectedAt waits.
    const knownAt = (d: number) => Math.max(detectionBars[d]!, resolvedBars[d]!);
    this.resolutions = [...outcomes.keys()]
      .filter((d) => outcomes[d] !== 0)
      .sort((x, y) => knownAt(x) - knownAt(y));
  }

  /** Takes the bars up to `last` (those taken before stay). */
  through(last: number): void {
    if (last <= this.last) return;
    const { count, tally } = this;
    const { closes, codes, detectionBars, outcomes, resolvedBars, returns } = count;
    const codeOf = (d: number) => codeTally(tally, PATTERN_CODES[codes[d]!]!);
    for (; this.detections < codes.length && detectionBars[this.detections]! <= last; this.detections++)
      codeOf(this.detections).detections++;
    for (; this.resolved < this.resolutions.length; this.resolved++) {
      const d = this.resolutions[this.resolved]!;
      if (Math.max(detectionBars[d]!, resolvedBars[d]!) > last) break;
      countOutcome(codeOf(d), outcomes[d]!);
    }
    HORIZONS.forEach((h, i) => {
      // A detection's return at h is known at bar e + h: in time order, so in the detections' order.
      let d = this.returned[i]!;
      for (; d < codes.length && detectionBars[d]! + h <= last; d++) {
        const r = returns[d * HORIZONS.length + i]!;
        countReturn(codeOf(d).horizons[i]!, r);
        this.kept[codes[d]!]![i]!.add(r);
      }
      this.returned[i] = d;
      const sums = tally.baseline[i]!;
      const sorted = this.baseline[i]!;
      for (let k = Math.max(h, this.last + 1); k <= last; k++) {
        const r = forwardReturn(closes[k - h]!, closes[k]!);
        countReturn(sums, r);
        sorted.add(r);
      }
    });
    this.last = last;
  }

  /** The evidence of `code` as of the last bar taken. */
  evidence(code: PatternCode): Evidence {
    const { tally } = this;
    const running = runningEvidence(code, codeTally(tally, code), tally.baseline);
    const kept = this.kept[PATTERN_CODES.indexOf(code)]!;
    const horizons = {} as Evidence["horizons"];
    HORIZONS.forEach((h, i) => {
      horizons[`${h}`] = wholeHorizon(
        running.horizons[`${h}`],
        kept[i]!.values(),
        this.baseline[i]!.values(),
      );
    });
    return { ...running, horizons };
  }
}

/**
 * Numbers (without NaN) kept in ascending order as they come, in the order sortNumbers gives them (-0 before
 * +0): those added since the last read are sorted and merged in when next read.
 */
class SortedNumbers {
  private sorted = new Float64Array(64);
  private count = 0;
  private readonly added: number[] = [];

  add(value: number): void {
    this.added.push(value);
  }

  /** Every number added, ascending: a view good until the next read after an add. */
  values(): Float64Array {
    if (this.added.length > 0) this.merge();
    return this.sorted.subarray(0, this.count);
  }

  /**
   * Merges the numbers added in place, the largest first: each goes after the kept numbers that do not sort
   * after it, and those that do move up in one block (copyWithin), so each kept number moves once at most
   * (a merge written out number by number was half of this pass: 14 of 29 ms at the largest input).
   */
  private merge(): void {
    const added = Float64Array.from(this.added).sort();
    this.added.length = 0;
    const total = this.count + added.length;
    if (this.sorted.length < total) {
      const grown = new Float64Array(Math.max(total, 2 * this.sorted.length));
      grown.set(this.sorted.subarray(0, this.count));
      this.sorted = grown;
    }
    const { sorted } = this;
    let end = this.count;
    for (let j = added.length - 1; j >= 0; j--) {
      const x = added[j]!;
      const at = firstAfter(sorted, x, end);
      sorted.copyWithin(at + j + 1, at, end);
      sorted[at + j] = x;
      end = at;
    }
    this.count = total;
  }
}

/** In `sorted` up to `end`, the first index whose number sorts after `x` (+0 after -0): `end` when none does. */
function firstAfter(sorted: Float64Array, x: number, end: number): number {
  let low = 0;
  let high = end;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const value = sorted[mid]!;
    if (value < x || (value === x && (value !== 0 || Object.is(value, -0) || !Object.is(x, -0))))
      low = mid + 1;
    else high = mid;
  }
  return low;
}
