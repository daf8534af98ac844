// confidence reads a shape's groups as numbers (no arrays, for speed): the score must equal, to the bit,
// the header's formula computed over the groups as arrays, as PATTERNS.md words it, on any shape.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DOUBLE_MIN_SPAN,
  DOUBLE_TOLERANCE_PCT,
  RECTANGLE_TOLERANCE_PCT,
  SHOULDER_TOLERANCE_PCT,
} from "../engine/spec";
import { mean, relativeSpread } from "../patterns/tolerance";
import type { PatternCode } from "../types";
import { confidence, type PatternShape } from "./confidence";

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const tight = (group: number[], pct: number) => clamp01(1 - relativeSpread(group) / (pct / 100));
const step = (a: number, b: number, ref: number) => clamp01((a - b) / (0.02 * ref));
const mean3 = (a: number, b: number, c: number) => (a + b + c) / 3;

/** The fit of the header's formula, over arrays of tops and bottoms. */
function groupFit({ code, prices: p, firstIsMax, valley }: PatternShape): number {
  const ref = mean(p);
  if (code === "DTOP" || code === "DBOT") {
    const pair = tight([...p], DOUBLE_TOLERANCE_PCT);
    if (valley === undefined) return pair;
    return (pair + (code === "DTOP" ? step(ref, valley, ref) : step(valley, ref, ref))) / 2;
  }
  const [e1, e2, e3, e4, e5] = p as [number, number, number, number, number];
  const tops = firstIsMax ? [e1, e3, e5] : [e2, e4];
  const bottoms = firstIsMax ? [e2, e4] : [e1, e3, e5];
  const gap = step(Math.min(...tops), Math.max(...bottoms), ref);
  const rise = (g: number[]) => (g.at(-1) as number) / (g[0] as number);
  const shoulders = (a: number, b: number) => tight([a, b], SHOULDER_TOLERANCE_PCT);
  const fits: Record<string, () => number> = {
    HS: () => mean3(shoulders(e1, e5), shoulders(e2, e4), step(e3, Math.max(e1, e5), ref)),
    IHS: () => mean3(shoulders(e1, e5), shoulders(e2, e4), step(Math.min(e1, e5), e3, ref)),
    BTOP: () => mean3(step(e3, e1, ref), step(e5, e3, ref), step(e2, e4, ref)),
    TTOP: () => mean3(step(e1, e3, ref), step(e3, e5, ref), step(e4, e2, ref)),
    RTOP: () => mean3(tight(tops, RECTANGLE_TOLERANCE_PCT), tight(bottoms, RECTANGLE_TOLERANCE_PCT), gap),
    ATRI: () => mean3(tight(tops, RECTANGLE_TOLERANCE_PCT), clamp01((rise(bottoms) - 1) / 0.03), gap),
    DTRI: () => mean3(tight(bottoms, RECTANGLE_TOLERANCE_PCT), clamp01((1 - rise(tops)) / 0.03), gap),
  };
  const alias: Record<string, string> = { TBOT: "BTOP", BBOT: "TTOP", RBOT: "RTOP" };
  return (fits[alias[code] ?? code] as () => number)();
}

function groupConfidence(shape: PatternShape): number {
  const pos = shape.positions;
  let regular: number;
  if (pos.length === 2) regular = clamp01(((pos[1] as number) - (pos[0] as number) - DOUBLE_MIN_SPAN) / 11);
  else {
    const gaps = pos.slice(1).map((x, i) => x - (pos[i] as number));
    const meanGap = ((pos[4] as number) - (pos[0] as number)) / 4;
    regular = clamp01(1 - Math.sqrt(gaps.reduce((s, g) => s + (g - meanGap) ** 2, 0) / 4) / meanGap);
  }
  const shapeScore = 0.6 * groupFit(shape) + 0.25 * regular;
  if (shape.volumes && shape.windowMeanVolume && shape.windowMeanVolume > 0)
    return Math.round(100 * (shapeScore + 0.15 * clamp01(mean(shape.volumes) / shape.windowMeanVolume)));
  return Math.round((100 * shapeScore) / 0.85);
}

const FIVE_CODES: PatternCode[] = [
  "HS",
  "IHS",
  "BTOP",
  "TBOT",
  "TTOP",
  "BBOT",
  "RTOP",
  "RBOT",
  "ATRI",
  "DTRI",
];
// Prices close together, so the tolerance terms land inside (0, 1) as often as on their clamps.
const price = fc.double({ min: 95, max: 105, noNaN: true });
const positions = (n: number) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 37 }), { minLength: n, maxLength: n })
    .map((p) => p.sort((a, b) => a - b));

const fiveShape = fc.record({
  code: fc.constantFrom(...FIVE_CODES),
  prices: fc.array(price, { minLength: 5, maxLength: 5 }),
  positions: positions(5),
  firstIsMax: fc.boolean(),
});
const doubleShape = fc.record({
  code: fc.constantFrom<PatternCode>("DTOP", "DBOT"),
  prices: fc.array(price, { minLength: 2, maxLength: 2 }),
  positions: positions(2),
  firstIsMax: fc.boolean(),
  valley: fc.option(price, { nil: undefined }),
});
const withVolumes = (n: number) =>
  fc.option(
    fc.record({
      volumes: fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: n, maxLength: n }),
      windowMeanVolume: fc.double({ min: 0, max: 1e6, noNaN: true }),
    }),
    { nil: undefined },
  );

describe("confidence, groups read as numbers", () => {
  it("equals the formula over arrays on five-extremum shapes, with and without volume", () => {
    fc.assert(
      fc.property(fiveShape, withVolumes(5), (shape, volume) => {
        const full: PatternShape = { ...shape, ...volume };
        expect(confidence(full)).toBe(groupConfidence(full));
      }),
      { numRuns: 2000 },
    );
  });

  it("equals the formula over arrays on double tops and bottoms, with and without a valley", () => {
    fc.assert(
      fc.property(doubleShape, withVolumes(2), (shape, volume) => {
        const full: PatternShape = { ...shape, ...volume };
        expect(confidence(full)).toBe(groupConfidence(full));
      }),
      { numRuns: 2000 },
    );
  });
});
