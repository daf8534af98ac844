// How far the lift's returns are from independent draws, for its interval (lift-interval.ts). Two returns
// of h bars that start under h bars apart share moves (a formation seen from consecutive windows; nearby
// detections), and in a universe the same dates move every stock together, so the returns behind a lift
// are fewer, in effect, than their count. Measured with seeded series whose true lift is 0
// (bench/lift-coverage.ts), Newcombe's interval on a universe of 50 stocks sharing one market held 0 in
// 89.2% of 1,200 cases at 10 bars: docs/patterns.md "The lift's interval".

import { itemAt } from "../engine/indexed";
import { EXPECTED_DIRECTION, forwardReturn, HORIZONS, type Horizon } from "../outcomes/spec";
import { PATTERN_CODES, type PatternCode } from "../types";
import type { SeriesCount } from "./series-count";
import { BLOCK_TIMES, TimeCalendars } from "./time-calendars";

/** One code's returns at one horizon: each one's start time and its sign (1 above 0, -1 below, 0 at 0). */
interface CodeReturns {
  times: number[];
  signs: number[];
}

/** The baseline's returns at one horizon: how many, how many above 0, how many below. */
interface BaselineTotals {
  count: number;
  up: number;
  down: number;
}

/** Each directional code's design effect per horizon measured (1: as independent; absent: 1). */
export type DesignEffects = Partial<Record<PatternCode, Partial<Record<`${Horizon}`, number>>>>;

/**
 * The lift's design effect (Kish): the variance of the lift allowing for returns that overlap in time,
 * over the variance Newcombe's interval assumes (independent returns), at least 1. The variance is
 * Driscoll and Kraay's (Review of Economics and Statistics, 1998): each return's part in the lift (a
 * pattern return's `(x - p) / n`, a baseline return's `-(y - q) / m`, x and y 1 in the claimed direction)
 * summed over the returns that start at one time, in every series, then Newey and West's (Econometrica,
 * 1987) Bartlett weights `1 - k/h` between sums k times apart, for k < h: the share of bars two h-bar
 * returns k bars apart hold in common. It counts the pattern's bars in the baseline, and returns of other
 * series on the same dates, as the figures show them, not by an assumed correlation. Times are the
 * distinct bar times of every series added, in order (series on one calendar: its bars).
 *
 * @example
 * const dependence = new LiftDependence();
 * dependence.add(countSeries({ bars, detections: scanOutcomes(bars) }));
 * liftInterval(evidence.horizons["10"], "down", dependence.designEffects().HS?.["10"]);
 */
export class LiftDependence {
  private readonly calendars: TimeCalendars;
  private readonly baseline: BaselineTotals[];
  private readonly codes = new Map<PatternCode, CodeReturns[]>();

  /** `horizons`: those to measure (all by default; `patterns stats` shows one). */
  constructor(private readonly horizons: readonly Horizon[] = HORIZONS) {
    this.calendars = new TimeCalendars(horizons.length);
    this.baseline = horizons.map(() => ({ count: 0, up: 0, down: 0 }));
  }

  /** Adds one series as counted (countSeries): its baseline returns and its directional codes' returns. */
  add({ closes, codes, detectionBars, returns, times }: SeriesCount): void {
    const { calendar, first } = this.calendars.of(times);
    const last = closes.length - 1;
    const { horizons } = this;
    const columns = calendar.returns;
    horizons.forEach((h, i) => {
      let returnsUp = 0;
      let returnsDown = 0;
      for (let k = 0; k + h <= last; k++) {
        // biome-ignore lint/style/noNonNullAssertion: k and k + h run over the series' closes.
        const r = forwardReturn(closes[k]!, closes[k + h]!);
        // How many returns at the series' k-th time, at this horizon, then how many above 0, below 0.
        const at = 3 * ((first + k) * horizons.length + i);
        columns[at] = (columns[at] as number) + 1;
        if (r > 0) {
          columns[at + 1] = (columns[at + 1] as number) + 1;
          returnsUp++;
        } else if (r < 0) {
          columns[at + 2] = (columns[at + 2] as number) + 1;
          returnsDown++;
        }
      }
      const totals = itemAt(this.baseline, i);
      totals.count += Math.max(0, last + 1 - h);
      totals.up += returnsUp;
      totals.down += returnsDown;
    });
    for (let d = 0; d < codes.length; d++) {
      const code = itemAt(PATTERN_CODES, codes[d] as number);
      if (EXPECTED_DIRECTION[code] === undefined) continue;
      let lists = this.codes.get(code);
      if (lists === undefined) {
        lists = horizons.map(() => ({ times: [], signs: [] }));
        this.codes.set(code, lists);
      }
      const e = detectionBars[d] as number;
      horizons.forEach((h, i) => {
        if (e + h > last) return;
        // A count's returns come HORIZONS.length a detection, in the order of HORIZONS.
        const r = returns[d * HORIZONS.length + HORIZONS.indexOf(h)] as number;
        const list = itemAt(lists, i);
        list.times.push(times[e] as number);
        list.signs.push(Math.sign(r));
      });
    }
  }

  /** The design effect of each directional code's lift at each horizon, from every series added. */
  designEffects(): DesignEffects {
    const variances = [...this.codes].flatMap(([code, lists]) =>
      this.horizons.map((h, i) => ({
        code,
        h,
        variance: new LiftVariance(
          itemAt(lists, i),
          EXPECTED_DIRECTION[code] === "up" ? 1 : -1,
          h,
          i,
          this.horizons.length,
          itemAt(this.baseline, i),
        ),
      })),
    );
    const measured = variances.flatMap(({ variance }) => (variance.measured ? [variance] : []));
    this.calendars.inTimeOrder((times, sums, length) => {
      for (const variance of measured) variance.addTimes(times, sums, length);
    });
    const effects: DesignEffects = {};
    for (const { code, h, variance } of variances) {
      effects[code] = { ...effects[code], [`${h}`]: variance.designEffect() };
    }
    return effects;
  }
}

/**
 * Driscoll and Kraay's variance of one code's lift at one horizon, its times' parts added in increasing
 * time, over Newcombe's (independent returns). Not `measured` where either side has no returns or neither
 * varies (a design effect of 1).
 */
class LiftVariance {
  readonly measured: boolean;
  private readonly q: number;
  private readonly m: number;
  private readonly independent: number;
  /** Where a time's baseline count and count in the code's direction are among its sums. */
  private readonly countAt: number;
  private readonly inDirectionAt: number;
  private readonly width: number;
  /**
   * The times of the code's returns in its direction, in increasing order, and of its others: each adds
   * its part in the lift (`inDirection`, `otherwise`) to its time's.
   */
  private readonly timesInDirection: Float64Array;
  private readonly timesOtherwise: Float64Array;
  private readonly inDirection: number;
  private readonly otherwise: number;
  private nextInDirection = 0;
  private nextOtherwise = 0;
  /** The parts of the times added whose terms are not summed yet (`held` of them), then a block's. */
  private readonly parts: Float64Array;
  private held = 0;
  /** Bartlett's weight of two times k apart, twice (for the pair's two orders), k < h. */
  private readonly weights: Float64Array;
  private variance = 0;

  constructor(
    own: CodeReturns,
    direction: number,
    h: number,
    horizonIndex: number,
    horizons: number,
    baseline: BaselineTotals,
  ) {
    const n = own.signs.length;
    const m = baseline.count;
    const p = n === 0 ? 0 : own.signs.filter((sign) => sign === direction).length / n;
    const q = m === 0 ? 0 : (direction > 0 ? baseline.up : baseline.down) / m;
    this.independent = (p * (1 - p)) / n + (q * (1 - q)) / m;
    this.measured = n > 0 && m > 0 && this.independent !== 0;
    this.m = m;
    this.q = q;
    this.countAt = 3 * horizonIndex;
    this.inDirectionAt = 3 * horizonIndex + (direction > 0 ? 1 : 2);
    this.width = 3 * horizons;
    const timesOf = (inDirection: boolean) =>
      Float64Array.from(own.times.filter((_, j) => (own.signs[j] === direction) === inDirection)).sort();
    this.timesInDirection = timesOf(true);
    this.timesOtherwise = timesOf(false);
    this.inDirection = (1 - p) / n;
    this.otherwise = -p / n;
    this.parts = new Float64Array(this.measured ? h - 1 + BLOCK_TIMES : 0);
    this.weights = Float64Array.from({ length: h }, (_, k) => 2 * (1 - k / h));
  }

  /**
   * Adds the next `length` times' parts: the baseline's returns then (`sums` as TimeCalendars.inTimeOrder
   * gives them) and the code's. Sums the terms of every time whose h - 1 followers are in.
   */
  addTimes(times: Float64Array, sums: Int32Array, length: number): void {
    const { timesInDirection, timesOtherwise, parts, held, q, m, width } = this;
    for (let b = 0; b < length; b++) {
      const at = b * width;
      const time = times[b] as number;
      let part = -((sums[at + this.inDirectionAt] as number) - q * (sums[at + this.countAt] as number)) / m;
      while (timesInDirection[this.nextInDirection] === time) {
        part += this.inDirection;
        this.nextInDirection++;
      }
      while (timesOtherwise[this.nextOtherwise] === time) {
        part += this.otherwise;
        this.nextOtherwise++;
      }
      parts[held + b] = part;
    }
    const end = held + length;
    const followers = this.weights.length - 1;
    const whole = Math.max(0, end - followers);
    this.sumParts(whole, end);
    parts.copyWithin(0, whole, end);
    this.held = end - whole;
  }

  /** The variance over Newcombe's, at least 1, once every time is added. */
  designEffect(): number {
    if (!this.measured) return 1;
    this.sumParts(this.held, this.held);
    this.held = 0;
    return Math.max(1, this.variance / this.independent);
  }

  /**
   * Adds the terms of the first `count` parts held: each part squared, and the part times each of the
   * h - 1 after it (of the first `end`), Bartlett-weighted (those summed first, so that the parts' sums do
   * not wait on one another).
   */
  private sumParts(count: number, end: number): void {
    const { parts, weights } = this;
    let { variance } = this;
    for (let t = 0; t < count; t++) {
      const part = parts[t] as number;
      if (part === 0) continue;
      let after = 0;
      for (let k = 1; k < weights.length && t + k < end; k++)
        after += (weights[k] as number) * (parts[t + k] as number);
      variance += part * part + part * after;
    }
    this.variance = variance;
  }
}
