// How sure a lift is: the evidence gives the lift (PATTERNS.md "Evidence") but no interval for it, and a
// lift read without one (+60 points over one return) looks like an edge. The CLI's table and the console's
// edge verdict both read the interval, and the sample below which any rate is said to mean nothing, from here.

import type { Direction } from "../outcomes/spec";
import { wilsonInterval } from "./statistics";

/**
 * Below this many outcomes behind a rate (resolved detections behind a success rate, known returns behind a
 * lift) the rate is too few to mean anything, whatever its figure; every place that shows one says so.
 */
export const MIN_SAMPLE = 10;

/** The figures of one horizon a lift's interval needs (the batch, running and API evidence all have them). */
export interface LiftFigures {
  returns: { n: number; upShare: number | null };
  baseline: { n: number; upShare: number | null };
  lift?: number | null;
}

/**
 * The lift's 95% interval by Newcombe's hybrid score method (method 10 of Newcombe 1998): the difference
 * of two proportions whose Wilson intervals are known (the pattern's share toward `direction` over
 * `returns.n`, the baseline's over `baseline.n`). Null without a lift or returns.
 *
 * @example
 * liftInterval({ returns: { n: 70, upShare: 0.8 }, baseline: { n: 80, upShare: 0.6 }, lift: 0.2 }, "up")
 * // [0.0524..., 0.3339...]
 */
export function liftInterval(horizon: LiftFigures, direction: Direction): [number, number] | null {
  const { returns, baseline, lift } = horizon;
  if (lift === null || lift === undefined || returns.upShare === null || baseline.upShare === null)
    return null;
  if (returns.n === 0 || baseline.n === 0) return null;
  // The baseline's share toward the claim; the pattern's is that plus the lift, so the lift stays exact
  // for "down" too (the evidence gives only the share above zero).
  const base = direction === "up" ? baseline.upShare : 1 - baseline.upShare;
  const own = base + lift;
  const ownCi = wilsonInterval(Math.round(own * returns.n), returns.n);
  const baseCi = wilsonInterval(Math.round(base * baseline.n), baseline.n);
  if (!ownCi || !baseCi) return null;
  const below = Math.hypot(own - ownCi[0], baseCi[1] - base);
  const above = Math.hypot(ownCi[1] - own, base - baseCi[0]);
  return [lift - below, lift + above];
}
