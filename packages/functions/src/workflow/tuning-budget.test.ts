// A measurement's time: how many invocations it makes of a target as slow or as quick as it is, on a clock
// the test moves.
import { describe, expect, it } from "vitest";
import {
  invokeWithin,
  MEASURE_BUDGET_MS,
  stepBudget,
  TIMEOUT_MARGIN_MS,
  UPDATE_WAIT_MS,
} from "./tuning-budget";

/** A clock and a target whose every run takes the next of `runsMs` on that clock, billed as long. */
function slowTarget(runsMs: number[]) {
  let clock = 1_000_000;
  const ran: number[] = [];
  return {
    ran,
    now: () => clock,
    invokeOnce: async () => {
      const ms = runsMs[ran.length] ?? 0;
      clock += ms;
      ran.push(ms);
      return ms;
    },
  };
}

describe("invokeWithin", () => {
  it("makes every invocation asked when they fit", async () => {
    const target = slowTarget([100, 120, 90, 110, 100]);
    expect(await invokeWithin(5, MEASURE_BUDGET_MS, target.now, target.invokeOnce)).toEqual({
      billedMs: [100, 120, 90, 110, 100],
      cutShort: false,
    });
  });

  it("stops before a run that would pass the budget, judging by the longest run yet", async () => {
    // 12 s a run: after three (36 s), a fourth would end near 48 s, past the 40 s share.
    const target = slowTarget([12_000, 12_000, 12_000, 12_000, 12_000]);
    expect(await invokeWithin(5, MEASURE_BUDGET_MS, target.now, target.invokeOnce)).toEqual({
      billedMs: [12_000, 12_000, 12_000],
      cutShort: true,
    });
    // One slow run among quick ones counts as the longest from then on.
    const uneven = slowTarget([1_000, 20_000, 1_000, 1_000]);
    expect((await invokeWithin(4, MEASURE_BUDGET_MS, uneven.now, uneven.invokeOnce)).billedMs).toEqual([
      1_000, 20_000,
    ]);
  });

  it("always makes the first invocation, even one longer than the budget", async () => {
    const target = slowTarget([50_000, 50_000]);
    expect(await invokeWithin(2, MEASURE_BUDGET_MS, target.now, target.invokeOnce)).toEqual({
      billedMs: [50_000],
      cutShort: true,
    });
  });

  it("passes an invocation's failure on, making no more", async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error("invocation failed: Unhandled");
    };
    await expect(invokeWithin(3, MEASURE_BUDGET_MS, Date.now, failing)).rejects.toThrow(/Unhandled/);
    expect(calls).toBe(1);
  });
});

describe("stepBudget", () => {
  it("is the step's share, or the call's remaining time less a margin when that is shorter", () => {
    expect(stepBudget(MEASURE_BUDGET_MS, undefined)).toBe(40_000);
    expect(stepBudget(MEASURE_BUDGET_MS, 59_000)).toBe(40_000);
    expect(stepBudget(MEASURE_BUDGET_MS, 30_000)).toBe(30_000 - TIMEOUT_MARGIN_MS);
    // An update's wait ends before the 60 s call does, so a slow update fails with the waiter's reason.
    expect(stepBudget(UPDATE_WAIT_MS, 60_000)).toBe(55_000);
    // Five shares fit an EXPRESS execution's five minutes with room for publishing and clean-up.
    expect(5 * MEASURE_BUDGET_MS).toBeLessThanOrEqual(300_000 - 60_000);
  });
});
