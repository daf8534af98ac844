// The rules on five consecutive extrema E1..E5 (PATTERNS.md "Five-extremum patterns").
// Groups are read by index: five prices, the 3 and 2 of ODD and EVEN, loops below each length (`!`).
// biome-ignore-all lint/style/noNonNullAssertion: groups are 5, 3 or 2 prices; loops stay below their length.

import {
  ASCENDING_MIN_RISE,
  DESCENDING_MAX_FALL,
  RECTANGLE_TOLERANCE_PCT,
  SHOULDER_TOLERANCE_PCT,
} from "../engine/spec";
import type { PatternCode } from "../types";
import { strictlyFalling, strictlyRising, withinPct } from "./tolerance";

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

// Scratch groups reused by every call: the rules run for a fifth of all windows.
const ODD = [0, 0, 0];
const EVEN = [0, 0];
const PAIR = [0, 0];

function level(a: number, b: number, pct: number): boolean {
  PAIR[0] = a;
  PAIR[1] = b;
  return withinPct(PAIR, pct);
}

function shouldersAndTroughsLevel(p: Readonly<FivePrices>): boolean {
  return level(p[0], p[4], SHOULDER_TOLERANCE_PCT) && level(p[1], p[3], SHOULDER_TOLERANCE_PCT);
}

function lowestAboveHighest(tops: readonly number[], bottoms: readonly number[]): boolean {
  let lowestTop = tops[0]!;
  for (let i = 1; i < tops.length; i++) if (tops[i]! < lowestTop) lowestTop = tops[i]!;
  for (let i = 0; i < bottoms.length; i++) if (!(lowestTop > bottoms[i]!)) return false;
  return true;
}

// Each rule is a conjunction of pure tests, written cheapest and most often failing first: the order
// changes how soon a group is rejected, never the answer.

function rectangle(tops: number[], bottoms: number[]): boolean {
  return (
    lowestAboveHighest(tops, bottoms) &&
    withinPct(tops, RECTANGLE_TOLERANCE_PCT) &&
    withinPct(bottoms, RECTANGLE_TOLERANCE_PCT)
  );
}

function ascendingTriangle(tops: number[], bottoms: number[]): boolean {
  return (
    strictlyRising(bottoms) &&
    bottoms[bottoms.length - 1]! >= bottoms[0]! * ASCENDING_MIN_RISE &&
    lowestAboveHighest(tops, bottoms) &&
    withinPct(tops, RECTANGLE_TOLERANCE_PCT)
  );
}

function descendingTriangle(tops: number[], bottoms: number[]): boolean {
  return (
    strictlyFalling(tops) &&
    tops[tops.length - 1]! <= tops[0]! * DESCENDING_MAX_FALL &&
    lowestAboveHighest(tops, bottoms) &&
    withinPct(bottoms, RECTANGLE_TOLERANCE_PCT)
  );
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
  const [e1, e2, e3, e4, e5] = p;
  ODD[0] = e1;
  ODD[1] = e3;
  ODD[2] = e5;
  EVEN[0] = e2;
  EVEN[1] = e4;
  const tops = e1IsMax ? ODD : EVEN;
  const bottoms = e1IsMax ? EVEN : ODD;
  if (e1IsMax) {
    if (e3 > e1 && e3 > e5 && shouldersAndTroughsLevel(p)) found.push("HS");
    if (e1 < e3 && e3 < e5 && e2 > e4) found.push("BTOP");
    if (e1 > e3 && e3 > e5 && e2 < e4) found.push("TTOP");
    if (rectangle(tops, bottoms)) found.push("RTOP");
  } else {
    if (e3 < e1 && e3 < e5 && shouldersAndTroughsLevel(p)) found.push("IHS");
    if (e1 > e3 && e3 > e5 && e2 < e4) found.push("BBOT");
    if (e1 < e3 && e3 < e5 && e2 > e4) found.push("TBOT");
    if (rectangle(tops, bottoms)) found.push("RBOT");
  }
  if (ascendingTriangle(tops, bottoms)) found.push("ATRI");
  if (descendingTriangle(tops, bottoms)) found.push("DTRI");
  return found;
}
