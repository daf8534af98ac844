// Driscoll and Kraay's variance of the lift (lift-dependence.ts), summed a block of times at a time, in
// increasing time. The baseline's part at a time is the same for every code that claims one direction, so
// its Bartlett sum is taken once for them; a code adds what its own returns change, near their times
// (in 500 series of 5,000 bars, no two at one time, head-and-shoulders' 10-bar returns are at one time in
// 42, the other codes' at fewer).

import { BLOCK_TIMES } from "./time-calendars";

/** One code's returns at one horizon: each one's start time and its sign (1 above 0, -1 below, 0 at 0). */
export interface CodeReturns {
  times: number[];
  signs: number[];
}

/** The baseline's returns at one horizon: how many, how many above 0, how many below. */
export interface BaselineTotals {
  count: number;
  up: number;
  down: number;
}

/**
 * The lift's variance, over Newcombe's, for the codes that claim one direction at one horizon: add every
 * distinct time's returns in increasing order (addTimes), then read the design effects.
 *
 * @example
 * const variances = new DirectionVariances(-1, 10, 0, 1, baseline, [hsReturns, dtopReturns]);
 * calendars.inTimeOrder((times, sums, length) => variances.addTimes(times, sums, length));
 * variances.designEffects(); // [HS's, DTOP's]
 */
export class DirectionVariances {
  /** Whether any code's variance is measured (returns on both sides, and some that vary). */
  readonly measured: boolean;
  private readonly codes: CodeVariance[];
  private readonly q: number;
  private readonly m: number;
  /** Where a time's baseline count and count in the direction are among its sums. */
  private readonly countAt: number;
  private readonly inDirectionAt: number;
  private readonly width: number;
  /** The baseline's part at the times whose terms are not summed yet (`held` of them), then a block's. */
  private readonly parts: Float64Array;
  private held = 0;
  /** Bartlett's weight of two times k apart, twice (for the pair's two orders), k < h. */
  private readonly weights: Float64Array;
  /** The baseline's own sum of terms: the variance where a code has no returns near. */
  private variance = 0;

  /** `horizonIndex` of `horizons`: where this horizon's returns are in a time's sums. */
  constructor(
    direction: number,
    h: number,
    horizonIndex: number,
    horizons: number,
    baseline: BaselineTotals,
    codes: readonly CodeReturns[],
  ) {
    this.m = baseline.count;
    this.q = this.m === 0 ? 0 : (direction > 0 ? baseline.up : baseline.down) / this.m;
    this.weights = Float64Array.from({ length: h }, (_, k) => 2 * (1 - k / h));
    this.codes = codes.map((own) => new CodeVariance(own, direction, this.m, this.q, h));
    this.measured = this.codes.some((code) => code.measured);
    this.countAt = 3 * horizonIndex;
    this.inDirectionAt = 3 * horizonIndex + (direction > 0 ? 1 : 2);
    this.width = 3 * horizons;
    this.parts = new Float64Array(this.measured ? h - 1 + BLOCK_TIMES : 0);
  }

  /**
   * Adds the next `length` times (`sums` as TimeCalendars.inTimeOrder gives them): sums the terms of every
   * time whose h - 1 followers are in.
   */
  addTimes(times: Float64Array, sums: Int32Array, length: number): void {
    const { parts, held, q, m, width, countAt, inDirectionAt } = this;
    for (let b = 0, at = 0; b < length; b++, at += width)
      parts[held + b] = -((sums[at + inDirectionAt] as number) - q * (sums[at + countAt] as number)) / m;
    const end = held + length;
    const whole = Math.max(0, end - (this.weights.length - 1));
    for (const code of this.codes) {
      if (code.measured) code.addTimes(times, length, held, parts, whole, end, this.weights);
    }
    this.variance += weightedSum(parts, 0, whole, end, this.weights);
    parts.copyWithin(0, whole, end);
    this.held = end - whole;
  }

  /**
   * Each code's design effect, in the order given: its variance over Newcombe's, at least 1. Once, when
   * every time is added.
   */
  designEffects(): number[] {
    const { parts, held, weights } = this;
    const variance = this.variance + weightedSum(parts, 0, held, held, weights);
    return this.codes.map((code) => {
      if (!code.measured) return 1;
      code.addTerms(parts, held, held, weights);
      return Math.max(1, (variance + code.change) / code.independent);
    });
  }
}

/** What one code's own returns change in the baseline's sum of terms. */
class CodeVariance {
  readonly measured: boolean;
  readonly independent: number;
  /** The sum of terms with the code's parts, less the baseline's alone, so far. */
  change = 0;
  /**
   * The times of the code's returns in its direction, increasing, and of its others: each adds its part in
   * the lift (`inDirection`, `otherwise`) to its time's.
   */
  private readonly timesInDirection: Float64Array;
  private readonly timesOtherwise: Float64Array;
  private readonly inDirection: number;
  private readonly otherwise: number;
  private nextInDirection = 0;
  private nextOtherwise = 0;
  /** The code's parts at the times the baseline's `parts` hold (0 where it has none), and the two added. */
  private readonly own: Float64Array;
  private readonly withOwn: Float64Array;

  constructor(own: CodeReturns, direction: number, m: number, q: number, h: number) {
    const n = own.signs.length;
    const p = n === 0 ? 0 : own.signs.filter((sign) => sign === direction).length / n;
    this.independent = (p * (1 - p)) / n + (q * (1 - q)) / m;
    this.measured = n > 0 && m > 0 && this.independent !== 0;
    const timesOf = (inDirection: boolean) =>
      Float64Array.from(own.times.filter((_, j) => (own.signs[j] === direction) === inDirection)).sort();
    this.timesInDirection = timesOf(true);
    this.timesOtherwise = timesOf(false);
    this.inDirection = (1 - p) / n;
    this.otherwise = -p / n;
    this.own = new Float64Array(this.measured ? h - 1 + BLOCK_TIMES : 0);
    this.withOwn = new Float64Array(this.own.length);
  }

  /** Adds the code's parts at a block's times, then the change in the terms of the times before `whole`. */
  addTimes(
    times: Float64Array,
    length: number,
    held: number,
    parts: Float64Array,
    whole: number,
    end: number,
    weights: Float64Array,
  ): void {
    const { own, timesInDirection, timesOtherwise } = this;
    const last = times[length - 1] as number;
    for (; this.nextInDirection < timesInDirection.length; this.nextInDirection++) {
      const time = timesInDirection[this.nextInDirection] as number;
      if (time > last) break;
      const at = held + firstAtLeast(times, length, time);
      own[at] = (own[at] as number) + this.inDirection;
    }
    for (; this.nextOtherwise < timesOtherwise.length; this.nextOtherwise++) {
      const time = timesOtherwise[this.nextOtherwise] as number;
      if (time > last) break;
      const at = held + firstAtLeast(times, length, time);
      own[at] = (own[at] as number) + this.otherwise;
    }
    this.addTerms(parts, whole, end, weights);
    own.copyWithin(0, whole, end);
    own.fill(0, end - whole, end);
  }

  /**
   * Adds the change the code's parts make in the terms of the times before `whole` (of the `end` held):
   * those of a time with a part of the code's at it or at one of the h - 1 after.
   */
  addTerms(parts: Float64Array, whole: number, end: number, weights: Float64Array): void {
    const { own, withOwn } = this;
    const h = weights.length;
    let next = 0;
    for (let u = 0; u < end; u++) {
      if (own[u] === 0) continue;
      // The terms that read the part at u: those of u - h + 1 .. u.
      const from = Math.max(next, u - h + 1);
      const to = Math.min(u + 1, whole);
      if (from >= to) continue;
      for (let s = from; s < Math.min(end, to + h - 1); s++)
        withOwn[s] = (parts[s] as number) + (own[s] as number);
      this.change +=
        weightedSum(withOwn, from, to, end, weights) - weightedSum(parts, from, to, end, weights);
      next = to;
    }
  }
}

/**
 * The terms of times from .. to - 1 of parts `x`: each part squared, and the part times each of the h - 1
 * after it (of the first `end`), Bartlett-weighted (those summed first, so that the times' sums do not
 * wait on one another).
 */
function weightedSum(x: Float64Array, from: number, to: number, end: number, weights: Float64Array): number {
  let sum = 0;
  for (let t = from; t < to; t++) {
    const part = x[t] as number;
    if (part === 0) continue;
    let after = 0;
    for (let k = 1; k < weights.length && t + k < end; k++)
      after += (weights[k] as number) * (x[t + k] as number);
    sum += part * part + part * after;
  }
  return sum;
}

/** The first of the first `length` increasing `times` that is at least `time` (`length` when none is). */
function firstAtLeast(times: Float64Array, length: number, time: number): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((times[mid] as number) < time) low = mid + 1;
    else high = mid;
  }
  return low;
}
