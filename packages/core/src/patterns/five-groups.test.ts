// The five-extremum rules read E1..E5 as numbers; here they are held to the rules written on groups of
// prices, as PATTERNS.md words them (tops and bottoms by E1's kind, withinPct of each group), over random
// prices placed on and around the tolerance boundaries.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ASCENDING_MIN_RISE,
  DESCENDING_MAX_FALL,
  RECTANGLE_TOLERANCE_PCT,
  SHOULDER_TOLERANCE_PCT,
} from "../engine/spec";
import type { PatternCode } from "../types";
import { CODE_BIT, codeMask, codesOfMask } from "./code-mask";
import { type FivePrices, fiveExtremumPatterns } from "./five";
import { pairWithinPct, strictlyFalling, strictlyRising, tripleWithinPct, withinPct } from "./tolerance";

/** The rules on groups, written from PATTERNS.md. */
function groupRules(p: FivePrices, e1IsMax: boolean): PatternCode[] {
  const [e1, e2, e3, e4, e5] = p;
  const odd = [e1, e3, e5];
  const even = [e2, e4];
  const tops = e1IsMax ? odd : even;
  const bottoms = e1IsMax ? even : odd;
  const lowestTop = Math.min(...tops);
  const above = bottoms.every((b) => lowestTop > b);
  const level = withinPct([e1, e5], SHOULDER_TOLERANCE_PCT) && withinPct([e2, e4], SHOULDER_TOLERANCE_PCT);
  const found: PatternCode[] = [];
  if (e1IsMax) {
    if (e3 > e1 && e3 > e5 && level) found.push("HS");
    if (e1 < e3 && e3 < e5 && e2 > e4) found.push("BTOP");
    if (e1 > e3 && e3 > e5 && e2 < e4) found.push("TTOP");
  } else {
    if (e3 < e1 && e3 < e5 && level) found.push("IHS");
    if (e1 > e3 && e3 > e5 && e2 < e4) found.push("BBOT");
    if (e1 < e3 && e3 < e5 && e2 > e4) found.push("TBOT");
  }
  const topsFlat = withinPct(tops, RECTANGLE_TOLERANCE_PCT);
  const bottomsFlat = withinPct(bottoms, RECTANGLE_TOLERANCE_PCT);
  if (above && topsFlat && bottomsFlat) found.push(e1IsMax ? "RTOP" : "RBOT");
  const firstBottom = bottoms[0] as number;
  const lastBottom = bottoms[bottoms.length - 1] as number;
  const firstTop = tops[0] as number;
  const lastTop = tops[tops.length - 1] as number;
  if (strictlyRising(bottoms) && lastBottom >= firstBottom * ASCENDING_MIN_RISE && above && topsFlat)
    found.push("ATRI");
  if (strictlyFalling(tops) && lastTop <= firstTop * DESCENDING_MAX_FALL && above && bottomsFlat)
    found.push("DTRI");
  return found;
}

// Prices a few tenths of a percent apart around 1000, so levels, ties and the 0.75%, 1.5% limits all occur.
const price = fc.integer({ min: -24, max: 24 }).map((k) => 1000 * (1 + k * 0.0025));
const tinyStep = fc.constantFrom(0, 1e-9, -1e-9);
const near = fc.tuple(price, tinyStep).map(([p, d]) => p * (1 + d));
const five = fc.tuple(near, near, near, near, near) as fc.Arbitrary<FivePrices>;

describe("five-extremum rules on numbers agree with the rules on groups", () => {
  it("every code, in reporting order, on prices around the tolerance boundaries", () => {
    fc.assert(
      fc.property(five, fc.boolean(), (p, e1IsMax) => {
        expect(fiveExtremumPatterns(p, e1IsMax)).toEqual(groupRules(p, e1IsMax));
      }),
      { numRuns: 20_000 },
    );
  });

  it("finds every code somewhere in those prices (the property above is not vacuous)", () => {
    const seen = new Set<PatternCode>();
    fc.assert(
      fc.property(five, fc.boolean(), (p, e1IsMax) => {
        for (const code of fiveExtremumPatterns(p, e1IsMax)) seen.add(code);
      }),
      { numRuns: 20_000, seed: 7 },
    );
    expect([...seen].sort()).toEqual(
      ["ATRI", "BBOT", "BTOP", "DTRI", "HS", "IHS", "RBOT", "RTOP", "TBOT", "TTOP"].sort(),
    );
  });

  it("pairWithinPct and tripleWithinPct answer as withinPct on the group", () => {
    fc.assert(
      fc.property(near, near, near, fc.constantFrom(0.75, 1.5), (a, b, c, pct) => {
        expect(pairWithinPct(a, b, pct)).toBe(withinPct([a, b], pct));
        expect(tripleWithinPct(a, b, c, pct)).toBe(withinPct([a, b, c], pct));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe("code masks", () => {
  it("list a mask's codes in reporting order, one shared frozen array per mask", () => {
    const mask = codeMask(["DTOP", "HS", "ATRI"]);
    expect(mask).toBe(CODE_BIT.HS | CODE_BIT.ATRI | CODE_BIT.DTOP);
    expect(codesOfMask(mask)).toEqual(["HS", "ATRI", "DTOP"]);
    expect(codesOfMask(mask)).toBe(codesOfMask(mask));
    expect(Object.isFrozen(codesOfMask(mask))).toBe(true);
  });
});
