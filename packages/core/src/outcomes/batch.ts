// A detection's outcome over a whole series: the stream's rules (track.ts), given every bar after the
// detection at once.

import type { Bar, PatternCode } from "../types";
import { MAX_OPEN_AGE } from "./spec";
import { advanceOutcome, openOutcome, outcomeRecord } from "./track";
import type { Outcome } from "./types";

/** The batch follows one detection at a time: one working record, no garbage per detection. */
const scratch = openOutcome("HS", "", new Float64Array(1), 0, 0);

/**
 * The outcome, as of the series' last bar, of a `pattern` whose range starts at bar `a` and that was
 * detected at bar `e`.
 *
 * @example
 * followOutcome("HS", bars, closes, 6, 37).status // "open", "target", ...
 */
export function followOutcome(
  pattern: PatternCode,
  bars: readonly Bar[],
  closes: ArrayLike<number>,
  a: number,
  e: number,
): Outcome {
  // biome-ignore lint/style/noNonNullAssertion: e is the detection bar, inside bars.
  const open = openOutcome(pattern, bars[e]!.time, closes, a, e, scratch);
  // After MAX_OPEN_AGE bars every outcome is decided and every return known.
  const to = Math.min(closes.length - 1, e + MAX_OPEN_AGE);
  if (to > e) advanceOutcome(open, closes, bars, e + 1, to);
  return outcomeRecord(open);
}
