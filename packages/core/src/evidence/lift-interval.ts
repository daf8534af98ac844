// How sure a lift is: the evidence gives the lift (PATTERNS.md "Evidence") but no interval for it, and a
// lift read without one (+60 points over one return) looks like an edge. The CLI's table and the console's
// edge verdict both read the interval, or why there is none, and the sample below which any rate is said to
// mean nothing, from here; the CLI widens it for overlapping returns (lift-dependence.ts).

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

/** Why a lift has no interval: no returns (or no lift) yet, or figures no counts behind a down claim give. */
export type NoIntervalReason = "noReturns" | "unchangedCloses";

/**
 * The lift's 95% interval, or why it has none. `widened`: returns of exactly zero left a down claim's counts
 * unknown, so the bounds span Newcombe's interval at every count the figures allow (WIDENED says so).
 */
export type LiftInterval =
  | { bounds: [number, number]; widened: boolean }
  | { bounds: null; reason: NoIntervalReason };

/** Each reason in a few words, for a table cell; UNCHANGED_CLOSES says the second in full. */
export const NO_INTERVAL: Record<NoIntervalReason, string> = {
  noReturns: "no returns yet",
  unchangedCloses: "unchanged closes",
};

/** Why unchanged closes leave a down claim without an interval, for a footnote or the console's words. */
export const UNCHANGED_CLOSES =
  "some returns are exactly 0 (unchanged closes), and the evidence counts the returns above 0 but not those below, so the shares a down claim's interval needs are unknown";

/** Why an interval is widened, after the word "widened", for a footnote or the console's words. */
export const WIDENED =
  "some returns are exactly 0 (unchanged closes) and the evidence does not say how many, so the interval spans every count of them its figures allow";

/**
 * Why Newcombe's interval alone is too narrow pooled over several symbols, after "the lift's interval" or
 * "it", for a footnote or the console's words: the console cannot widen it, since the API's evidence
 * carries no return's time (docs/patterns.md "Overlapping returns").
 */
export const ASSUMES_INDEPENDENT =
  "assumes their returns are independent, while stocks move together on a date; the CLI's patterns stats, run on their bar files, widens it for that";

/**
 * The lift's 95% interval by Newcombe's hybrid score method (method 10 of Newcombe 1998): the difference
 * of two proportions whose Wilson intervals are known (the pattern's share toward `direction` over
 * `returns.n`, the baseline's over `baseline.n`). Without a lift or returns, none ("noReturns").
 *
 * The evidence counts the returns above zero (upShare), not those below. An up claim's shares are those. A
 * down claim's are below zero, which is 1 - upShare only when no return is exactly zero; the lift itself
 * was counted below zero, so the two agree exactly (to the count) when there are none. When they do not,
 * some returns are zero in one sample or the other and the counts below zero are unknown; but only the
 * pairs whose difference is the lift can be them, and the true pair is one, so the union of their intervals
 * covers at least as often as the true pair's would: that, `widened`. (Reading 1 - upShare there gave a wrong
 * centre, or NaN once that share passed 1.) Figures no pair gives have none ("unchangedCloses"). (If both
 * samples held exactly the same share of zeros, the figures could not tell; that share is then read as down
 * on both sides, the lift still exact.)
 *
 * Newcombe's method takes the returns for independent draws; overlapping ones are not (two h-bar returns
 * under h bars apart share moves, and a universe's stocks move together on a date). `designEffect`, the
 * lift's variance allowing for that over the variance of independent returns (LiftDependence, from the
 * returns' times, which the evidence does not carry), divides both counts before the Wilson intervals
 * (Kish's effective sample size), so the interval is as wide as that many independent returns give. At
 * most 1 (the default): as given.
 *
 * @example
 * liftInterval({ returns: { n: 70, upShare: 0.8 }, baseline: { n: 80, upShare: 0.6 }, lift: 0.2 }, "up")
 * // { bounds: [0.0524..., 0.3339...], widened: false }
 * liftInterval({ returns: { n: 70, upShare: 0.8 }, baseline: { n: 80, upShare: 0.6 }, lift: 0.2 }, "up", 2)
 * // Newcombe's for 28 of 35 against 24 of 40: { bounds: [-0.0095..., 0.3834...], widened: false }
 */
export function liftInterval(horizon: LiftFigures, direction: Direction, designEffect = 1): LiftInterval {
  const { returns, baseline, lift } = horizon;
  if (lift === null || lift === undefined || returns.upShare === null || baseline.upShare === null)
    return { bounds: null, reason: "noReturns" };
  const n = returns.n;
  const m = baseline.n;
  if (n === 0 || m === 0) return { bounds: null, reason: "noReturns" };
  const effect = Math.max(1, designEffect);
  // The counts behind the shares (a share is a count over n, so rounding gives the count back).
  const ownUp = Math.round(returns.upShare * n);
  const baseUp = Math.round(baseline.upShare * m);
  const own = direction === "up" ? ownUp : n - ownUp;
  const base = direction === "up" ? baseUp : m - baseUp;
  // Two readings of the lift differ by a multiple of 1/(n m) when the counts differ: under half of one is
  // the rounding of the division, not a return at zero.
  if (Math.abs(own / n - base / m - lift) * n * m >= 0.5)
    return widenedInterval(n - ownUp, n, m - baseUp, m, lift, effect);
  const bounds = newcombe(own, n, base, m, lift, effect);
  return bounds ? { bounds, widened: false } : { bounds: null, reason: "noReturns" };
}

/**
 * Newcombe's interval about `lift` for `own` of `n` against `base` of `m`, each Wilson interval over its
 * effective count (the count over the design effect, at the same share); null without trials on a side.
 */
function newcombe(
  own: number,
  n: number,
  base: number,
  m: number,
  lift: number,
  effect: number,
): [number, number] | null {
  const ownCi = wilsonInterval(own / effect, n / effect);
  const baseCi = wilsonInterval(base / effect, m / effect);
  if (!ownCi || !baseCi) return null;
  const p = own / n;
  const q = base / m;
  const below = Math.hypot(p - ownCi[0], baseCi[1] - q);
  const above = Math.hypot(ownCi[1] - p, q - baseCi[0]);
  return [lift - below, lift + above];
}

/**
 * The union of Newcombe's intervals over every pair of counts below zero, at most `notUp` of `n` and
 * `baseNotUp` of `m`, whose difference of shares is `lift` (a m - b n = lift n m, an integer, so each of the
 * pattern's counts gives at most one of the baseline's). The intervals all hold the lift, so their union is
 * one interval. None ("unchangedCloses") when no pair gives the lift.
 */
function widenedInterval(
  notUp: number,
  n: number,
  baseNotUp: number,
  m: number,
  lift: number,
  effect: number,
): LiftInterval {
  const gap = Math.round(lift * n * m);
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let own = 0; own <= notUp; own++) {
    const base = (own * m - gap) / n;
    if (!Number.isInteger(base) || base < 0 || base > baseNotUp) continue;
    // Each pair's own difference, not the stored lift: the same to rounding, and Newcombe's exactly there.
    const bounds = newcombe(own, n, base, m, own / n - base / m, effect);
    if (!bounds) continue;
    low = Math.min(low, bounds[0]);
    high = Math.max(high, bounds[1]);
  }
  return low <= high ? { bounds: [low, high], widened: true } : { bounds: null, reason: "unchangedCloses" };
}
