// The module's ranges are the plain loop's, to the bit: ties, runs split by the span or the asks' room,
// a range wider than the span, closes in an array.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rangesByLoop, rangesOf, simdRanges } from "./ranges";

function both(closes: ArrayLike<number>, asks: [number, number][]) {
  const starts = Int32Array.from(asks, ([a]) => a);
  const ends = Int32Array.from(asks, ([, e]) => e);
  const answers = () => ({ ceilings: new Float64Array(asks.length), floors: new Float64Array(asks.length) });
  const loop = answers();
  const simd = answers();
  rangesByLoop(closes, starts, ends, asks.length, loop.ceilings, loop.floors);
  simdRanges()?.(closes, starts, ends, asks.length, simd.ceilings, simd.floors);
  return { loop, simd };
}

describe("ranges", () => {
  it("are taken by WebAssembly SIMD on Node, and rangesOf gives the loop's", () => {
    expect(simdRanges()).toBeDefined();
    const closes = Float64Array.of(3, 5, 4, 5, 1, 2);
    const starts = Int32Array.of(0, 1, 4);
    const ends = Int32Array.of(2, 5, 4);
    const ceilings = new Float64Array(3);
    const floors = new Float64Array(3);
    rangesOf(closes, starts, ends, 3, ceilings, floors);
    expect([...ceilings, ...floors]).toEqual([5, 5, 1, 3, 1, 1]);
  });

  it("by the module equal the loop's on random closes and asks", () => {
    fc.assert(
      fc.property(
        // Few distinct closes, so ties come up; odd and even range lengths, one-bar ranges.
        fc.array(
          fc.integer({ min: 90, max: 110 }).map((c) => c / 7),
          { minLength: 1, maxLength: 300 },
        ),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 80 })), { minLength: 1, maxLength: 80 }),
        (values, picks) => {
          const closes = Float64Array.from(values);
          const asks = picks.map(([from, length]): [number, number] => {
            const a = from % closes.length;
            return [a, Math.min(a + length, closes.length - 1)];
          });
          const { loop, simd } = both(closes, asks);
          expect(simd).toEqual(loop);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it("split long runs and take a range wider than the module's memory by the loop", () => {
    const closes = Float64Array.from(
      { length: 200_000 },
      (_, i) => 100 + Math.sin(i / 50) * 10 + (i % 13) / 10,
    );
    const asks: [number, number][] = [];
    for (let e = 40; e < 140_000; e += 7) asks.push([e - 30 + (e % 11), e]);
    asks.push([10, 150_000], [5, 70_000], [199_990, 199_999]);
    const { loop, simd } = both(closes, asks);
    expect(asks.length).toBeGreaterThan(16_384);
    expect(simd).toEqual(loop);
    const inArray = both(Array.from(closes), asks);
    expect(inArray.simd).toEqual(loop);
  });
});
