// One detection's outcome as the stream moves it, for the lifecycle's tests: its band 90 to 110 broken
// upward on 12 March 2024 toward a target of 130, then that target reached on 20 March.
import type { Outcome } from "@stock-patterns/core";

/** The day of the breakout. */
export const BREAKOUT_DAY = "2024-03-12";

/** The outcome after the breakout: open, its target set. */
export const BROKE_OUT: Outcome = {
  ceiling: 110,
  floor: 90,
  status: "open",
  breakout: { time: BREAKOUT_DAY, direction: "up" },
  target: 130,
  resolvedAt: null,
  returns: {},
};

/** The same outcome resolved at its target. */
export const RESOLVED_AT_TARGET: Outcome = { ...BROKE_OUT, status: "target", resolvedAt: "2024-03-20" };
