// SharedOutcomes carries state from one outcome to the next (the range it last took): whatever the order of
// the asks, each answer must be the outcome decided afresh.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { day } from "../../test/planted";
import { followOutcome, SharedOutcomes } from "./batch";

describe("SharedOutcomes", () => {
  it("answers asks in any order as a fresh outcome would, ranges reused or not", () => {
    fc.assert(
      fc.property(
        // Few distinct closes, so equal highs and lows come up.
        fc.array(fc.integer({ min: 90, max: 110 }), { minLength: 2, maxLength: 120 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 })), { minLength: 1, maxLength: 60 }),
        (closes, asks) => {
          const bars = closes.map((close, i) => ({ time: day(i), close }));
          const shared = new SharedOutcomes(bars, closes);
          for (const [from, length] of asks) {
            const a = from % closes.length;
            const e = Math.min(a + length, closes.length - 1);
            expect(shared.of("HS", a, e)).toEqual(followOutcome("HS", bars, closes, a, e));
          }
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });

  it("answers asks with their range given as asks with the range taken", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 90, max: 110 }), { minLength: 2, maxLength: 120 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.boolean()), { minLength: 1, maxLength: 60 }),
        (closes, asks) => {
          const bars = closes.map((close, i) => ({ time: day(i), close }));
          const shared = new SharedOutcomes(bars, closes);
          for (const [from, length, given] of asks) {
            const a = from % closes.length;
            const e = Math.min(a + length, closes.length - 1);
            const range = closes.slice(a, e + 1);
            const outcome = given
              ? shared.ofRange(
                  a,
                  e,
                  Float64Array.of(Math.max(...range)),
                  Float64Array.of(Math.min(...range)),
                  0,
                )
              : shared.of("HS", a, e);
            expect(outcome).toEqual(followOutcome("HS", bars, closes, a, e));
          }
        },
      ),
      { numRuns: 300, seed: 10 },
    );
  });
});
