// The lift's interval: Newcombe's own example, and the same interval whichever way the code claims.
import { describe, expect, it } from "vitest";
import { liftInterval } from "./lift-interval";

describe("liftInterval", () => {
  it("is Newcombe's hybrid score interval (his example: 56/70 vs 48/80)", () => {
    const interval = liftInterval(
      { returns: { n: 70, upShare: 0.8 }, baseline: { n: 80, upShare: 0.6 }, lift: 0.2 },
      "up",
    );
    expect(interval?.map((bound) => Number(bound.toFixed(4)))).toEqual([0.0524, 0.3339]);
  });

  it("reads a down claim from the shares above zero, and is null without a lift or returns", () => {
    // 56 of 70 below zero against 48 of 80: the up shares are 0.2 and 0.4, the lift toward down +0.2.
    const down = liftInterval(
      { returns: { n: 70, upShare: 0.2 }, baseline: { n: 80, upShare: 0.4 }, lift: 0.2 },
      "down",
    );
    expect(down?.map((bound) => Number(bound.toFixed(4)))).toEqual([0.0524, 0.3339]);
    expect(
      liftInterval({ returns: { n: 0, upShare: null }, baseline: { n: 80, upShare: 0.4 }, lift: null }, "up"),
    ).toBeNull();
  });
});
