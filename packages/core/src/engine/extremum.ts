// The extremum rule of PATTERNS.md at one window position, written once: the per-bar test (series.ts)
// and the per-window test of the edge positions (window.ts) both call it, so they agree on every input.

import { SMOOTHED_TIE } from "./spec";

/** SMOOTHED_TIE held here: an imported binding is read through its module's cell at every use (series.ts). */
const TIE = SMOOTHED_TIE;

/** Extremum kinds, as stored per bar. */
export const NOT_EXTREMUM = 0;
export const MAXIMUM = 1;
export const MINIMUM = -1;

/**
 * The kind of the middle of three consecutive smoothed values: a maximum where `left < mid >= right`, a
 * minimum where `left > mid <= right`, else NOT_EXTREMUM; values closer than SMOOTHED_TIE of `mid` are
 * equal (smoothed closes are positive).
 *
 * @example
 * extremumKind(1, 2, 2) // MAXIMUM
 * extremumKind(10, 10.000000000000002, 10) // NOT_EXTREMUM: rounding, not a rise
 */
export function extremumKind(left: number, mid: number, right: number): number {
  if (left < mid) {
    const tie = TIE * mid;
    return mid - left > tie && right - mid <= tie ? MAXIMUM : NOT_EXTREMUM;
  }
  if (left > mid) {
    const tie = TIE * mid;
    return left - mid > tie && mid - right <= tie ? MINIMUM : NOT_EXTREMUM;
  }
  return NOT_EXTREMUM;
}

/**
 * The bar that prices an extremum at bar `centre`: the highest (MAXIMUM) or lowest close among bars
 * centre-1 .. centre+1, the first on a tie.
 *
 * @example
 * pricingBar(Float64Array.of(1, 3, 3), 1, MAXIMUM) // 1
 */
export function pricingBar(closes: Float64Array, centre: number, kind: number): number {
  let bar = centre - 1;
  // biome-ignore-start lint/style/noNonNullAssertion: the caller's centre has both neighbours in `closes`.
  for (let j = centre; j <= centre + 1; j++) {
    const close = closes[j]!;
    const best = closes[bar]!;
    if (kind === MAXIMUM ? close > best : close < best) bar = j;
  }
  // biome-ignore-end lint/style/noNonNullAssertion: the caller's centre has both neighbours in `closes`.
  return bar;
}
