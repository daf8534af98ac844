// The rules on five consecutive extrema E1..E5 (PATTERNS.md "Five-extremum patterns").

import {
  ASCENDING_MIN_RISE,
  DESCENDING_MAX_FALL,
  RECTANGLE_TOLERANCE_PCT,
  SHOULDER_TOLERANCE_PCT,
} from "../engine/spec";
import type { PatternCode } from "../types";
import { CODE_BIT, codesOfMask } from "./code-mask";
import { pairWithinPct, tripleWithinPct } from "./tolerance";

/** Prices of five consecutive extrema E1..E5. */
export type FivePrices = [e1: number, e2: number, e3: number, e4: number, e5: number];

/**
 * Whether a group of extremum prices is five long (E1..E5), as every five-extremum pattern's is.
 *
 * @example
 * isFivePrices([100, 90, 110, 90.5, 100.5]) // true
 */
export function isFivePrices(p: readonly number[]): p is Readonly<FivePrices> {
  return p.length === 5;
}

/**
 * Tops and bottoms of a five-extremum group, as named by E1's kind: E1, E3, E5 go into `odd`, E2, E4 into
 * `even` (pass reused arrays to allocate nothing).
 */
export function topsAndBottoms(
  p: Readonly<FivePrices>,
  e1IsMax: boolean,
  odd: number[] = [0, 0, 0],
  even: number[] = [0, 0],
): { tops: number[]; bottoms: number[] } {
  odd[0] = p[0];
  odd[1] = p[2];
  odd[2] = p[4];
  even[0] = p[1];
  even[1] = p[3];
  return e1IsMax ? { tops: odd, bottoms: even } : { tops: even, bottoms: odd };
}

// The rules below read E1..E5 as numbers (no groups as arrays, no destructuring): they run for most
// windows that can complete a pattern. Each test computes what the group form of PATTERNS.md computes
// (withinPct, the lowest top, strictly rising or falling), in the same order of operations, so the same
// answer; five.test.ts holds them to the group form over random prices. Within a rule the tests are
// written cheapest and most often failing first: the order changes how soon a group is rejected, never
// the answer.

/**
 * The five-extremum codes that E1..E5 satisfy, as a mask of CODE_BIT (code-mask.ts): E1..E5 are
 * `prices[first .. first+4]`, and `e1IsMax` names E1's kind (E1, E3, E5 are the tops when it is a maximum,
 * else the bottoms). The prices are read here rather than passed: a double passed to a call the compiler
 * does not inline is boxed, fresh memory for every window.
 *
 * @example
 * fiveExtremumMask(Float64Array.of(100, 90, 110, 90.5, 100.5), 0, true) // CODE_BIT.HS
 */
export function fiveExtremumMask(prices: Float64Array, first: number, e1IsMax: boolean): number {
  return e1IsMax ? topsFirst(prices, first) : bottomsFirst(prices, first);
}

// biome-ignore-start lint/style/noNonNullAssertion: the caller's first .. first+4 are inside prices.

/** E1 a maximum: tops E1, E3, E5 and bottoms E2, E4. */
function topsFirst(prices: Float64Array, first: number): number {
  const e1 = prices[first]!;
  const e2 = prices[first + 1]!;
  const e3 = prices[first + 2]!;
  const e4 = prices[first + 3]!;
  const e5 = prices[first + 4]!;
  let mask = 0;
  if (e3 > e1 && e3 > e5 && shouldersAndTroughsLevel(e1, e2, e4, e5)) mask |= CODE_BIT.HS;
  if (e1 < e3 && e3 < e5 && e2 > e4) mask |= CODE_BIT.BTOP;
  if (e1 > e3 && e3 > e5 && e2 < e4) mask |= CODE_BIT.TTOP;
  // Rectangles and triangles all need the lowest top above every bottom.
  const lowestTop = Math.min(e1, e3, e5);
  if (!(lowestTop > e2 && lowestTop > e4)) return mask;
  const topsLevel = tripleWithinPct(e1, e3, e5, RECTANGLE_TOLERANCE_PCT);
  if (topsLevel && pairWithinPct(e2, e4, RECTANGLE_TOLERANCE_PCT)) mask |= CODE_BIT.RTOP;
  if (e4 > e2 && e4 >= e2 * ASCENDING_MIN_RISE && topsLevel) mask |= CODE_BIT.ATRI;
  if (e3 < e1 && e5 < e3 && e5 <= e1 * DESCENDING_MAX_FALL && pairWithinPct(e2, e4, RECTANGLE_TOLERANCE_PCT))
    mask |= CODE_BIT.DTRI;
  return mask;
}

/** E1 a minimum: tops E2, E4 and bottoms E1, E3, E5. */
function bottomsFirst(prices: Float64Array, first: number): number {
  const e1 = prices[first]!;
  const e2 = prices[first + 1]!;
  const e3 = prices[first + 2]!;
  const e4 = prices[first + 3]!;
  const e5 = prices[first + 4]!;
  let mask = 0;
  if (e3 < e1 && e3 < e5 && shouldersAndTroughsLevel(e1, e2, e4, e5)) mask |= CODE_BIT.IHS;
  if (e1 > e3 && e3 > e5 && e2 < e4) mask |= CODE_BIT.BBOT;
  if (e1 < e3 && e3 < e5 && e2 > e4) mask |= CODE_BIT.TBOT;
  const lowestTop = Math.min(e2, e4);
  if (!(lowestTop > e1 && lowestTop > e3 && lowestTop > e5)) return mask;
  const bottomsLevel = tripleWithinPct(e1, e3, e5, RECTANGLE_TOLERANCE_PCT);
  const topsLevel = pairWithinPct(e2, e4, RECTANGLE_TOLERANCE_PCT);
  if (topsLevel && bottomsLevel) mask |= CODE_BIT.RBOT;
  if (e3 > e1 && e5 > e3 && e5 >= e1 * ASCENDING_MIN_RISE && topsLevel) mask |= CODE_BIT.ATRI;
  if (e4 < e2 && e4 <= e2 * DESCENDING_MAX_FALL && bottomsLevel) mask |= CODE_BIT.DTRI;
  return mask;
}

// biome-ignore-end lint/style/noNonNullAssertion: the caller's first .. first+4 are inside prices.

function shouldersAndTroughsLevel(e1: number, e2: number, e4: number, e5: number): boolean {
  return pairWithinPct(e1, e5, SHOULDER_TOLERANCE_PCT) && pairWithinPct(e2, e4, SHOULDER_TOLERANCE_PCT);
}

/**
 * The five-extremum codes that prices `p` (E1..E5) satisfy, in reporting order, appended to `found`.
 *
 * @example
 * fiveExtremumPatterns([100, 90, 110, 90.5, 100.5], true) // ["HS"]
 */
export function fiveExtremumPatterns(
  p: Readonly<FivePrices>,
  e1IsMax: boolean,
  found: PatternCode[] = [],
): PatternCode[] {
  const mask = fiveExtremumMask(Float64Array.from(p), 0, e1IsMax);
  if (mask !== 0) found.push(...codesOfMask(mask));
  return found;
}
