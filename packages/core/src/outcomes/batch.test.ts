// SharedOutcomes carries state from one outcome to the next (the range it last took): whatever the order of
// the asks, each answer must be the outcome decided afresh.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { day } from "../../test/planted";
import { FollowedOutcomes, followOutcome, SharedOutcomes } from "./batch";

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
});

describe("FollowedOutcomes", () => {
  const closes = Array.from({ length: 200 }, (_, i) => 100 + 10 * Math.sin(i / 3) + (i % 7));
  const bars = closes.map((close, i) => ({ time: day(i), close }));
  const asks: [number, number][] = [
    [0, 20],
    [3, 20],
    [5, 31],
    [5, 31],
    [9, 44],
  ];

  it("hands back the outcomes decided ahead, in order, then decides when none is ahead", () => {
    const outcomes = new FollowedOutcomes(new SharedOutcomes(bars, closes));
    for (const [a, e] of asks) outcomes.decide("HS", a, e);
    for (const [a, e] of asks)
      expect(outcomes.take("HS", a, e)).toEqual(followOutcome("HS", bars, closes, a, e));
    expect(outcomes.take("HS", 40, 90)).toEqual(followOutcome("HS", bars, closes, 40, 90));
  });

  it("refuses to hand an outcome decided for other bars", () => {
    const outcomes = new FollowedOutcomes(new SharedOutcomes(bars, closes));
    outcomes.decide("HS", 0, 20);
    outcomes.decide("HS", 3, 20);
    expect(() => outcomes.take("HS", 3, 20)).toThrow(/decided ahead for bars 0..20, asked for 3..20/);
  });
});
