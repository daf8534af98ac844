// outcomeSettled reads a stored outcome as the stream's isSettled reads one it follows: decided and every
// forward return known; any outcome short of that can still change.
import { describe, expect, it } from "vitest";
import { outcomeSettled } from "./record";
import type { Outcome } from "./types";

const decided: Outcome = {
  ceiling: 110,
  floor: 90,
  status: "target",
  breakout: { time: "2024-01-10T00:00:00.000Z", direction: "up" },
  target: 130,
  resolvedAt: "2024-01-20T00:00:00.000Z",
  returns: { "1": 0.01, "5": 0.02, "10": 0.03, "20": 0.04 },
};

describe("outcomeSettled", () => {
  it("is true for a decided outcome with all four forward returns", () => {
    expect(outcomeSettled(decided)).toBe(true);
    expect(outcomeSettled({ ...decided, status: "stalled" })).toBe(true);
  });

  it("is false while the outcome is open, whatever returns are known", () => {
    expect(outcomeSettled({ ...decided, status: "open", resolvedAt: null })).toBe(false);
  });

  it("is false for a decided outcome still missing its 20-bar return", () => {
    expect(outcomeSettled({ ...decided, returns: { "1": 0.01, "5": 0.02, "10": 0.03 } })).toBe(false);
  });
});
