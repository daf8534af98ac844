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

/** An outcome with the time of the bar that last moved it. */
export interface MovedOutcome {
  outcome: Outcome;
  /**
   * Time of the latest of: the detection bar, the breakout, the deciding bar, the bar of the newest
   * forward return known. The stream reports an event on each of those bars, so this is the time of the
   * last event it reported on the detection (or its detection bar): what it stores as `outcomeAsOf`.
   */
  movedAt: string;
}

/**
 * The outcome, as of the series' last bar, of each detection found on `bars` (by the workflow, say),
 * with the bar that last moved it, in the order given: what scanOutcomes gives the same detections.
 * O(bars + 70 per detection). Throws RangeError when a detection's start or detectedAt is not a bar
 * time of the series.
 *
 * @example
 * const [{ outcome, movedAt }] = movedOutcomesOf(bars, analysis.detections); // outcome.status: "open", …
 */
export function movedOutcomesOf(bars: readonly Bar[], detections: readonly DetectionBars[]): MovedOutcome[] {
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
  return detections.map((d) => {
    const e = at(d.detectedAt);
    const outcome = followOutcome(d.pattern, bars, closes, at(d.start), e);
    const known = Object.keys(outcome.returns).map(Number);
    let last = e + Math.max(0, ...known);
    if (outcome.breakout) last = Math.max(last, at(outcome.breakout.time));
    if (outcome.resolvedAt !== null) last = Math.max(last, at(outcome.resolvedAt));
    // biome-ignore lint/style/noNonNullAssertion: last is e or a bar the outcome names, inside bars.
    return { outcome, movedAt: bars[last]!.time };
  });
}

/**
 * The outcome, as of the series' last bar, of each detection found on `bars` (by the workflow, say),
 * in the order given: what scanOutcomes gives the same detections. O(bars + 70 per detection).
 * Throws RangeError when a detection's start or detectedAt is not a bar time of the series.
 *
 * @example
 * const outcomes = outcomesOf(bars, analysis.detections); // outcomes[i].status: "open", "target", …
 */
export function outcomesOf(bars: readonly Bar[], detections: readonly DetectionBars[]): Outcome[] {
  return movedOutcomesOf(bars, detections).map((moved) => moved.outcome);
}
