import { describe, expect, it } from "vitest";
import { byHorizon } from "./by-horizon";

describe("byHorizon", () => {
  it("keys values by horizon, as many as given, the same as a literal to JSON and to equality", () => {
    expect(byHorizon([])).toEqual({});
    expect(byHorizon([0.1])).toEqual({ "1": 0.1 });
    const four = byHorizon([0.1, -0.2, 0.3, 0]);
    const literal = { "1": 0.1, "5": -0.2, "10": 0.3, "20": 0 };
    expect(four).toEqual(literal);
    expect(Object.keys(four)).toEqual(["1", "5", "10", "20"]);
    expect(JSON.stringify(four)).toBe(JSON.stringify(literal));
  });

  it("gives a new object each time: filling one leaves the next untouched", () => {
    const first = byHorizon([1, 2]);
    const second = byHorizon([3, 4]);
    expect(first).toEqual({ "1": 1, "5": 2 });
    expect(second).toEqual({ "1": 3, "5": 4 });
    expect(second).not.toBe(first);
  });
});
