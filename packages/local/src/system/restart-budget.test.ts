// The runtime's restarts are counted within a window: crashes spread over days never stop the system, a
// runtime that keeps dying does. The clock is injected: no test here waits.

import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAX_RESTARTS,
  DEFAULT_RESTART_WINDOW_MS,
  RestartBudget,
  windowInWords,
} from "./restart-budget";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A budget on a clock the test moves. */
function budgetAt(max?: number, windowMs?: number) {
  let now = Date.parse("2026-01-05T09:00:00.000Z");
  const budget = new RestartBudget(max, windowMs, () => now);
  return { budget, after: (ms: number) => (now += ms) };
}

describe("the runtime's restart budget", () => {
  it("restarts a crash a day for a week (the defaults: 2 within an hour)", () => {
    const { budget, after } = budgetAt();
    expect([budget.max, budget.windowMs]).toEqual([DEFAULT_MAX_RESTARTS, DEFAULT_RESTART_WINDOW_MS]);
    const restarted = Array.from({ length: 7 }, () => {
      after(DAY);
      return budget.take();
    });
    expect(restarted).toEqual([true, true, true, true, true, true, true]);
    expect(budget.recent).toBe(1);
  });

  it("gives up on the third death within the window, and restarts again once the first is outside it", () => {
    const { budget, after } = budgetAt(2, HOUR);
    expect(budget.take()).toBe(true);
    after(20 * 60_000);
    expect(budget.take()).toBe(true);
    after(39 * 60_000);
    expect(budget.take()).toBe(false); // 59 minutes after the first restart
    expect(budget.recent).toBe(2);
    after(60_000);
    expect(budget.take()).toBe(true); // the first is an hour old: one restart left in the window
    expect(budget.recent).toBe(2);
  });

  it("allows none with a maximum of 0", () => {
    expect(budgetAt(0, HOUR).budget.take()).toBe(false);
  });

  it("names its window in the lines it prints", () => {
    expect([HOUR, 2 * HOUR, 10 * 60_000, 60_000, 90_000].map(windowInWords)).toEqual([
      "1 hour",
      "2 hours",
      "10 minutes",
      "1 minute",
      "90 seconds",
    ]);
  });
});
