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

/** What naming a detection's outcome needs: its code and the times of its start and detection bars. */
export type DetectionBars = { pattern: PatternCode; start: string; detectedAt: string };

/**
 * The outcome, as of the series' last bar, of each detection found on `bars` (by the workflow, say),
 * in the order given: what scanOutcomes gives the same detections. O(bars + 70 per detection).
 * Throws RangeError when a detection's start or detectedAt is not a bar time of the series.
 *
 * @example
 * const outcomes = outcomesOf(bars, analysis.detections); // outcomes[i].status: "open", "target", …
 */
export function outcomesOf(bars: readonly Bar[], detections: readonly DetectionBars[]): Outcome[] {
  if (detections.length === 0) return [];
  const index = new Map<string, number>();
  const closes = new Float64Array(bars.length);
  for (const [i, bar] of bars.entries()) {
    index.set(bar.time, i);
    closes[i] = bar.close;
  }
  const at = (time: string) => {
    const i = index.get(time);
    if (i === undefined) throw new RangeError(`${time} is not a bar of the series`);
    return i;
  };
  return detections.map((d) => followOutcome(d.pattern, bars, closes, at(d.start), at(d.detectedAt)));
}
