// Double tops and bottoms (PATTERNS.md "Double tops and bottoms").
// The extrema lists are read by index, once per window: indices run over 0 .. count-1, inside every array.
// biome-ignore-all lint/style/noNonNullAssertion: indices run over 0 .. count-1, inside every array.

import { DOUBLE_MIN_SPAN, DOUBLE_TOLERANCE_PCT } from "../engine/spec";
import type { PatternCode } from "../types";
import { pairWithinPct } from "./tolerance";

/** The extrema of one window in position order; the last one is E5. */
export interface ExtremaList {
  count: number;
  positions: ArrayLike<number>;
  prices: ArrayLike<number>;
  isMax: ArrayLike<number>;
}

/**
 * Index of A: among the extrema after the first (F) up to and including the last (E5) that are of F's
 * kind, the highest (F a maximum) or lowest (F a minimum), the first on a tie; -1 when there is none.
 */
export function doubleCandidate(list: ExtremaList): number {
  const fIsMax = list.isMax[0];
  let best = -1;
  for (let i = 1; i < list.count; i++) {
    if (list.isMax[i] !== fIsMax) continue;
    if (best < 0 || (fIsMax ? list.prices[i]! > list.prices[best]! : list.prices[i]! < list.prices[best]!))
      best = i;
  }
  return best;
}

/**
 * DTOP or DBOT when the window's extrema form one, else null.
 *
 * @example
 * doublePattern({ count: 3, positions: [2, 15, 30], prices: [100, 90, 100.5], isMax: [1, 0, 1] }) // "DTOP"
 */
export function doublePattern(list: ExtremaList): PatternCode | null {
  const last = list.count - 1;
  if (last < 1) return null;
  // A must be the last extremum (E5): so it is of F's kind, level with F and far enough from it, tested
  // first as they are cheap and most often fail; then no extremum of F's kind between them may beat it.
  const { isMax, prices, positions } = list;
  if (isMax[last] !== isMax[0]) return null;
  if (!(positions[last]! - positions[0]! > DOUBLE_MIN_SPAN)) return null;
  if (!pairWithinPct(prices[0]!, prices[last]!, DOUBLE_TOLERANCE_PCT)) return null;
  if (doubleCandidate(list) !== last) return null;
  return isMax[0] ? "DTOP" : "DBOT";
}
