// The BarsError a piece of work throws, for tests that check its message and row.

import type { BarsError } from "../src/bars";

/**
 * Runs `work` and answers the BarsError it throws; fails when it throws none.
 *
 * @example
 * expect(barsErrorOf(() => parseBarsJson([])).row).toBeUndefined();
 */
export function barsErrorOf(work: () => unknown): BarsError {
  try {
    work();
  } catch (error) {
    return error as BarsError;
  }
  throw new Error("expected a BarsError");
}
