// The pattern rules of PATTERNS.md written out a second time, table by table, sharing no code with
// src/patterns: the reference scan uses these, so the tests compare two readings of the rules, not one.

import { itemAt } from "../src/engine/indexed";
import type { PatternCode } from "../src/types";

/** One extremum as the reference sees it. */
export interface RefExtremum {
  position: number;
  price: number;
  isMax: boolean;
}

/** "Within x% of their mean": every v has |v - mean| <= x/100 * mean. */
function withinOfMean(group: number[], x: number): boolean {
  const mean = group.reduce((a, b) => a + b, 0) / group.length;
  return group.every((v) => Math.abs(v - mean) <= (x / 100) * mean);
}

const rising = (v: number[]) => v.every((p, i) => i === 0 || p > itemAt(v, i - 1));
const falling = (v: number[]) => v.every((p, i) => i === 0 || p < itemAt(v, i - 1));
const separated = (tops: number[], bottoms: number[]) => Math.min(...tops) > Math.max(...bottoms);

/**
 * Codes of the five-extremum tables for E1..E5, in table order.
 *
 * @example
 * referenceFiveRules([{ position: 6, price: 100, isMax: true }, ...]) // ["HS"]
 */
export function referenceFiveRules(e: RefExtremum[]): PatternCode[] {
  const [E1, E2, E3, E4, E5] = e.map((x) => x.price);
  if (E1 === undefined || E2 === undefined || E3 === undefined || E4 === undefined || E5 === undefined)
    throw new RangeError(`five extrema expected, got ${e.length}`);
  const maxFirst = itemAt(e, 0).isMax;
  const tops = maxFirst ? [E1, E3, E5] : [E2, E4];
  const bottoms = maxFirst ? [E2, E4] : [E1, E3, E5];
  const out: PatternCode[] = [];
  const shoulders = withinOfMean([E1, E5], 1.5) && withinOfMean([E2, E4], 1.5);
  const rectangle = withinOfMean(tops, 0.75) && withinOfMean(bottoms, 0.75) && separated(tops, bottoms);
  if (maxFirst) {
    if (E3 > E1 && E3 > E5 && shoulders) out.push("HS");
    if (E1 < E3 && E3 < E5 && E2 > E4) out.push("BTOP");
    if (E1 > E3 && E3 > E5 && E2 < E4) out.push("TTOP");
    if (rectangle) out.push("RTOP");
  } else {
    if (E3 < E1 && E3 < E5 && shoulders) out.push("IHS");
    if (E1 > E3 && E3 > E5 && E2 < E4) out.push("BBOT");
    if (E1 < E3 && E3 < E5 && E2 > E4) out.push("TBOT");
    if (rectangle) out.push("RBOT");
  }
  const lastBottom = itemAt(bottoms, bottoms.length - 1);
  const lastTop = itemAt(tops, tops.length - 1);
  if (
    withinOfMean(tops, 0.75) &&
    rising(bottoms) &&
    lastBottom >= itemAt(bottoms, 0) * 1.015 &&
    separated(tops, bottoms)
  )
    out.push("ATRI");
  if (
    withinOfMean(bottoms, 0.75) &&
    falling(tops) &&
    lastTop <= itemAt(tops, 0) * 0.985 &&
    separated(tops, bottoms)
  )
    out.push("DTRI");
  return out;
}

/**
 * DTOP or DBOT for a window's extrema up to and including E5 (the last one), or null.
 *
 * @example
 * referenceDoubleRule(extremaUpToE5) // "DTOP"
 */
export function referenceDoubleRule(upToE5: RefExtremum[]): PatternCode | null {
  const [F, ...rest] = upToE5;
  const E5 = upToE5.at(-1);
  if (F === undefined) return null;
  let A: RefExtremum | undefined;
  for (const x of rest) {
    if (x.isMax !== F.isMax) continue;
    if (!A || (F.isMax ? x.price > A.price : x.price < A.price)) A = x;
  }
  if (!A || A !== E5) return null;
  if (!withinOfMean([F.price, A.price], 1.5) || !(A.position - F.position > 22)) return null;
  return F.isMax ? "DTOP" : "DBOT";
}
