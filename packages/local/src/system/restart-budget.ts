// How many times the functions' runtime may be restarted: a rate, not a lifetime count, so that a system
// left running for days survives a rare crash now and then, while a runtime that keeps dying is given up on.

import { counted } from "@stock-patterns/core";

/** The restarts allowed by default within the window. */
export const DEFAULT_MAX_RESTARTS = 2;

/** The default window: a third death within an hour of two restarts is a runtime that cannot be kept alive. */
export const DEFAULT_RESTART_WINDOW_MS = 60 * 60_000;

/** The window in words, for the lines that say a restart was made or refused. */
export function windowInWords(windowMs: number): string {
  const [count, unit] =
    windowMs % 3_600_000 === 0
      ? [windowMs / 3_600_000, "hour"]
      : windowMs % 60_000 === 0
        ? [windowMs / 60_000, "minute"]
        : [windowMs / 1000, "second"];
  return counted(count, unit);
}

/**
 * At most `max` restarts within any `windowMs`: a death is given a restart only while fewer than `max`
 * were made within the window before it. `now` is the clock (milliseconds), injected for tests.
 *
 * @example
 * const budget = new RestartBudget(2, 3_600_000);
 * budget.take(); // true: restart; false once two were taken within the hour
 */
export class RestartBudget {
  private readonly taken: number[] = [];

  constructor(
    readonly max = DEFAULT_MAX_RESTARTS,
    readonly windowMs = DEFAULT_RESTART_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Take a restart for a death now; false when `max` were already taken within the window. */
  take(): boolean {
    const at = this.now();
    while (this.taken.length > 0 && (this.taken[0] as number) <= at - this.windowMs) this.taken.shift();
    if (this.taken.length >= this.max) return false;
    this.taken.push(at);
    return true;
  }

  /** Restarts taken within the window (as of the last `take`). */
  get recent(): number {
    return this.taken.length;
  }
}
