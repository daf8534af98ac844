// The rules on five consecutive extrema E1..E5 (PATTERNS.md "Five-extremum patterns").

import {
  ASCENDING_MIN_RISE,
  DESCENDING_MAX_FALL,
  RECTANGLE_TOLERANCE_PCT,
  SHOULDER_TOLERANCE_PCT,
} from "../engine/spec";
import type { PatternCode } from "../types";
import { strictlyFalling, strictlyRising, withinPct } from "./tolerance";

/** Tops and bottoms of a five-extremum group, as named by E1's kind. */
export function topsAndBottoms(
  p: readonly number[],
  e1IsMax: boolean,
): { tops: number[]; bottoms: number[] } {
  const odd = [p[0], p[2], p[4]];
  const even = [p[1], p[3]];
  return e1IsMax ? { tops: odd, bottoms: even } : { tops: even, bottoms: odd };
}

function shouldersAndTroughsLevel(p: readonly number[]): boolean {
  return withinPct([p[0], p[4]], SHOULDER_TOLERANCE_PCT) && withinPct([p[1], p[3]], SHOULDER_TOLERANCE_PCT);
}

function rectangle(tops: number[], bottoms: number[]): boolean {
  return (
    withinPct(tops, RECTANGLE_TOLERANCE_PCT) &&
    withinPct(bottoms, RECTANGLE_TOLERANCE_PCT) &&
    Math.min(...tops) > Math.max(...bottoms)
  );
}

function ascendingTriangle(tops: number[], bottoms: number[]): boolean {
  return (
    withinPct(tops, RECTANGLE_TOLERANCE_PCT) &&
    strictlyRising(bottoms) &&
    bottoms[bottoms.length - 1] >= bottoms[0] * ASCENDING_MIN_RISE &&
    Math.min(...tops) > Math.max(...bottoms)
  );
}

function descendingTriangle(tops: number[], bottoms: number[]): boolean {
  return (
    withinPct(bottoms, RECTANGLE_TOLERANCE_PCT) &&
    strictlyFalling(tops) &&
    tops[tops.length - 1] <= tops[0] * DESCENDING_MAX_FALL &&
    Math.min(...tops) > Math.max(...bottoms)
  );
}

/**
 * The five-extremum codes that prices `p` (E1..E5) satisfy, in reporting order.
 *
 * @example
 * fiveExtremumPatterns([100, 90, 110, 90.5, 100.5], true) // ["HS"]
 */
export function fiveExtremumPatterns(p: readonly number[], e1IsMax: boolean): PatternCode[] {
  const [e1, e2, e3, e4, e5] = p;
  const found: PatternCode[] = [];
  const { tops, bottoms } = topsAndBottoms(p, e1IsMax);
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
