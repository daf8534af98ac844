// Outcomes asked for ahead come back in the order asked, each the outcome decided afresh.
import { describe, expect, it } from "vitest";
import { day } from "../../test/planted";
import { followOutcome } from "./batch";
import { FollowedOutcomes } from "./followed";

const closes = Array.from({ length: 200 }, (_, i) => 100 + 10 * Math.sin(i / 3) + (i % 7));
const bars = closes.map((close, i) => ({ time: day(i), close }));
const asks: [number, number][] = [
  [0, 20],
  [3, 20],
  [5, 31],
  [5, 31],
  [9, 44],
  [2, 44],
];

describe("FollowedOutcomes", () => {
  it("hands back the outcomes asked for, in order, then decides when none is asked", () => {
    const outcomes = new FollowedOutcomes(bars, closes);
    for (const [a, e] of asks) outcomes.ask("HS", a, e);
    outcomes.decideAsked();
    for (const [a, e] of asks)
      expect(outcomes.take("HS", a, e)).toEqual(followOutcome("HS", bars, closes, a, e));
    expect(outcomes.take("HS", 40, 90)).toEqual(followOutcome("HS", bars, closes, 40, 90));
    outcomes.ask("HS", 60, 100);
    outcomes.decideAsked();
    expect(outcomes.take("HS", 60, 100)).toEqual(followOutcome("HS", bars, closes, 60, 100));
  });

  it("refuses to hand an outcome asked for other bars", () => {
    const outcomes = new FollowedOutcomes(bars, closes);
    outcomes.ask("HS", 0, 20);
    outcomes.ask("HS", 3, 20);
    outcomes.decideAsked();
    expect(() => outcomes.take("HS", 3, 20)).toThrow(/asked for bars 0..20, taken for 3..20/);
  });
});
