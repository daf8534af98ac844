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

/**
 * Returns at one horizon by the time they start (a slot per distinct time, in the order first seen): how
 * many, how many above 0, how many below.
 */
interface ReturnsAtTimes {
  count: Int32Array;
  up: Int32Array;
  down: Int32Array;
}

/** One code's returns at one horizon: each one's time slot and its sign (1 above 0, -1 below, 0 at 0). */
interface CodeReturns {
  slots: number[];
  signs: number[];
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
  private readonly slotOfTime = new Map<number, number>();
  /** Each slot's time; `slots` of them in use. */
  private times = new Float64Array(1024);
  private slots = 0;
  private baseline: ReturnsAtTimes[];
  private readonly codes = new Map<PatternCode, CodeReturns[]>();
  /** The last series' times and their slots: the series of one calendar look their times up once. */
  private lastTimes: Float64Array = new Float64Array(0);
  private lastSlots: Int32Array = new Int32Array(0);

  /** `horizons`: those to measure (all by default; `patterns stats` shows one). */
  constructor(private readonly horizons: readonly Horizon[] = HORIZONS) {
    this.baseline = horizons.map(() => returnsAtTimes(1024));
  }

  /** Adds one series as counted (countSeries): its baseline returns and its directional codes' returns. */
  add({ closes, codes, detectionBars, returns, times }: SeriesCount): void {
    const slots = this.slotsOf(times);
    const last = closes.length - 1;
    const { horizons } = this;
    horizons.forEach((h, i) => {
      const { count, up, down } = itemAt(this.baseline, i);
      for (let k = 0; k + h <= last; k++) {
        // biome-ignore lint/style/noNonNullAssertion: k and k + h run over the series' closes and slots.
        const r = forwardReturn(closes[k]!, closes[k + h]!);
        const slot = slots[k] as number;
        count[slot] = (count[slot] as number) + 1;
        if (r > 0) up[slot] = (up[slot] as number) + 1;
        else if (r < 0) down[slot] = (down[slot] as number) + 1;
      }
    });
    for (let d = 0; d < codes.length; d++) {
      const code = itemAt(PATTERN_CODES, codes[d] as number);
      if (EXPECTED_DIRECTION[code] === undefined) continue;
      let lists = this.codes.get(code);
      if (lists === undefined) {
        lists = horizons.map(() => ({ slots: [], signs: [] }));
        this.codes.set(code, lists);
      }
      const e = detectionBars[d] as number;
      horizons.forEach((h, i) => {
        if (e + h > last) return;
        // A count's returns come HORIZONS.length a detection, in the order of HORIZONS.
        const r = returns[d * HORIZONS.length + HORIZONS.indexOf(h)] as number;
        const list = itemAt(lists, i);
        list.slots.push(slots[e] as number);
        list.signs.push(Math.sign(r));
      });
    }
  }

  /** The design effect of each directional code's lift at each horizon, from every series added. */
  designEffects(): DesignEffects {
    const { times } = this;
    const order = Int32Array.from({ length: this.slots }, (_, slot) => slot).sort(
      (a, b) => (times[a] as number) - (times[b] as number),
    );
    const rank = new Int32Array(order.length);
    order.forEach((slot, r) => {
      rank[slot] = r;
    });
    const effects: DesignEffects = {};
    for (const [code, lists] of this.codes) {
      const direction = EXPECTED_DIRECTION[code] === "up" ? 1 : -1;
      const byHorizon: Partial<Record<`${Horizon}`, number>> = {};
      this.horizons.forEach((h, i) => {
        byHorizon[`${h}`] = designEffect(itemAt(lists, i), itemAt(this.baseline, i), direction, h, rank);
      });
      effects[code] = byHorizon;
    }
    return effects;
  }

  /** The slot of each time, the last series' again when these are its times or the first of them. */
  private slotsOf(times: Float64Array): Int32Array {
    const { lastTimes } = this;
    let same = times.length <= lastTimes.length;
    for (let i = 0; same && i < times.length; i++) same = times[i] === lastTimes[i];
    if (same) return this.lastSlots.subarray(0, times.length);
    const slots = Int32Array.from(times, (time) => this.slotOf(time));
    this.lastTimes = times;
    this.lastSlots = slots;
    return slots;
  }

  private slotOf(time: number): number {
    let slot = this.slotOfTime.get(time);
    if (slot === undefined) {
      slot = this.slots++;
      if (slot === this.times.length) this.grow();
      this.slotOfTime.set(time, slot);
      this.times[slot] = time;
    }
    return slot;
  }

  /** Twice the room for slots. */
  private grow(): void {
    const size = 2 * this.times.length;
    const times = new Float64Array(size);
    times.set(this.times);
    this.times = times;
    this.baseline = this.baseline.map((at) => {
      const grown = returnsAtTimes(size);
      grown.count.set(at.count);
      grown.up.set(at.up);
      grown.down.set(at.down);
      return grown;
    });
  }
}

function returnsAtTimes(size: number): ReturnsAtTimes {
  return { count: new Int32Array(size), up: new Int32Array(size), down: new Int32Array(size) };
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
  const slots = rank.length;
  let m = 0;
  let baseInDirection = 0;
  const inDirection = direction > 0 ? base.up : base.down;
  for (let slot = 0; slot < slots; slot++) {
    m += base.count[slot] as number;
    baseInDirection += inDirection[slot] as number;
  }
  if (n === 0 || m === 0) return 1;
  const p = own.signs.filter((sign) => sign === direction).length / n;
  const q = baseInDirection / m;
  const independent = (p * (1 - p)) / n + (q * (1 - q)) / m;
  if (independent === 0) return 1;
  // Each time's part in the lift, in the times' order.
  const parts = new Float64Array(slots);
  const add = (slot: number, part: number) => {
    const t = rank[slot] as number;
    parts[t] = (parts[t] as number) + part;
  };
  for (let slot = 0; slot < slots; slot++)
    add(slot, -((inDirection[slot] as number) - q * (base.count[slot] as number)) / m);
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
