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

/** Returns at one horizon that start at each distinct time: how many, how many above 0, how many below. */
interface ReturnsAtTimes {
  count: number[];
  up: number[];
  down: number[];
}

/** One code's returns at one horizon: each one's time slot and its sign (1 above 0, -1 below, 0 at 0). */
interface CodeReturns {
  slots: number[];
  signs: number[];
}

/** Each directional code's design effect per horizon (1: as independent; absent codes: 1). */
export type DesignEffects = Partial<Record<PatternCode, Record<`${Horizon}`, number>>>;

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
  private readonly slotOfTime = new Map<number, number>();
  private readonly times: number[] = [];
  private readonly baseline: ReturnsAtTimes[] = HORIZONS.map(() => ({ count: [], up: [], down: [] }));
  private readonly codes = new Map<PatternCode, CodeReturns[]>();

  /** Adds one series as counted (countSeries): its baseline returns and its directional codes' returns. */
  add({ closes, codes, detectionBars, returns, times }: SeriesCount): void {
    const slots = Int32Array.from(times, (time) => this.slotOf(time));
    const last = closes.length - 1;
    HORIZONS.forEach((h, i) => {
      const at = itemAt(this.baseline, i);
      for (let k = 0; k + h <= last; k++) {
        // biome-ignore lint/style/noNonNullAssertion: k and k + h run over the series' closes and slots.
        const r = forwardReturn(closes[k]!, closes[k + h]!);
        const slot = slots[k] as number;
        const tally = r > 0 ? at.up : r < 0 ? at.down : undefined;
        at.count[slot] = (at.count[slot] as number) + 1;
        if (tally) tally[slot] = (tally[slot] as number) + 1;
      }
    });
    for (let d = 0; d < codes.length; d++) {
      const code = itemAt(PATTERN_CODES, codes[d] as number);
      if (EXPECTED_DIRECTION[code] === undefined) continue;
      let lists = this.codes.get(code);
      if (lists === undefined) {
        lists = HORIZONS.map(() => ({ slots: [], signs: [] }));
        this.codes.set(code, lists);
      }
      const e = detectionBars[d] as number;
      HORIZONS.forEach((h, i) => {
        if (e + h > last) return;
        const r = returns[d * HORIZONS.length + i] as number;
        const list = itemAt(lists, i);
        list.slots.push(slots[e] as number);
        list.signs.push(Math.sign(r));
      });
    }
  }

  /** The design effect of each directional code's lift at each horizon, from every series added. */
  designEffects(): DesignEffects {
    const order = Array.from(this.times.keys()).sort((a, b) => (this.times[a] ?? 0) - (this.times[b] ?? 0));
    const rank = new Int32Array(order.length);
    order.forEach((slot, r) => {
      rank[slot] = r;
    });
    const effects: DesignEffects = {};
    for (const [code, lists] of this.codes) {
      const direction = EXPECTED_DIRECTION[code] === "up" ? 1 : -1;
      const byHorizon = {} as Record<`${Horizon}`, number>;
      HORIZONS.forEach((h, i) => {
        byHorizon[`${h}`] = designEffect(itemAt(lists, i), itemAt(this.baseline, i), direction, h, rank);
      });
      effects[code] = byHorizon;
    }
    return effects;
  }

  private slotOf(time: number): number {
    let slot = this.slotOfTime.get(time);
    if (slot === undefined) {
      slot = this.times.length;
      this.slotOfTime.set(time, slot);
      this.times.push(time);
      for (const at of this.baseline) {
        at.count.push(0);
        at.up.push(0);
        at.down.push(0);
      }
    }
    return slot;
  }
}

/**
 * The lift's variance by Driscoll and Kraay over Newcombe's (independent returns), at least 1; 1 where
 * either side has no returns or neither varies. `direction` 1 counts returns above 0, -1 below.
 */
function designEffect(
  own: CodeReturns,
  base: ReturnsAtTimes,
  direction: number,
  h: number,
  rank: Int32Array,
): number {
  const n = own.signs.length;
  let m = 0;
  let baseInDirection = 0;
  const inDirection = direction > 0 ? base.up : base.down;
  base.count.forEach((count, slot) => {
    m += count;
    baseInDirection += inDirection[slot] as number;
  });
  if (n === 0 || m === 0) return 1;
  const p = own.signs.filter((sign) => sign === direction).length / n;
  const q = baseInDirection / m;
  const independent = (p * (1 - p)) / n + (q * (1 - q)) / m;
  if (independent === 0) return 1;
  // Each time's part in the lift, in the times' order.
  const parts = new Float64Array(rank.length);
  const add = (slot: number, part: number) => {
    const t = rank[slot] as number;
    parts[t] = (parts[t] as number) + part;
  };
  base.count.forEach((count, slot) => {
    add(slot, -((inDirection[slot] as number) - q * count) / m);
  });
  own.slots.forEach((slot, j) => {
    add(slot, ((own.signs[j] === direction ? 1 : 0) - p) / n);
  });
  let variance = 0;
  for (let t = 0; t < parts.length; t++) {
    const part = parts[t] as number;
    if (part === 0) continue;
    variance += part * part;
    for (let k = 1; k < h && t + k < parts.length; k++)
      variance += 2 * (1 - k / h) * part * (parts[t + k] as number);
  }
  return Math.max(1, variance / independent);
}
