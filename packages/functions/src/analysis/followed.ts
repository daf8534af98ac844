// What an analysis answers besides its detections: each one's outcome as of the last bar sent and the
// evidence per code over the series (PATTERNS.md "Outcomes", "Evidence"), from the bars the API holds.

import {
  type Bar,
  type Detection,
  type DetectionBars,
  type Evidence,
  evidenceOf,
  movedOutcomesOf,
  type Outcome,
  outcomeRecord,
  outcomesOf,
  sortableTime,
} from "@stock-patterns/core";
import type { DetectionToStore } from "./pattern-table";

/**
 * The detections with their outcomes (same order) and the evidence of every code over `bars`: the
 * numbers `patterns scan --outcomes` and `patterns stats` give for the same bars. O(bars log bars).
 *
 * @example
 * const { detections, evidence } = followed(bars, result.detections);
 */
export function followed<D extends DetectionBars>(
  bars: readonly Bar[],
  detections: readonly D[],
): { detections: (D & { outcome: Outcome })[]; evidence: Evidence[] } {
  const outcomes = outcomesOf(bars, detections);
  const withOutcomes = detections.map((d, i) => {
    const outcome = outcomes[i];
    if (outcome === undefined)
      throw new Error(`no outcome for detection ${i}: outcomesOf answers one per detection`);
    return { ...d, outcome };
  });
  return {
    detections: withOutcomes.map((d) => ({ ...d, outcome: outcomeRecord(d.outcome) })),
    evidence: evidenceOf([{ bars, detections: withOutcomes }]),
  };
}

/**
 * The detections to store, each with its outcome as of the last bar of `bars` and, as `outcomeAsOf`, the
 * bar that last moved it (ISO UTC): what the stream stores for the same detection on the same bars, so
 * whichever of them writes last, the stored outcome stays the newest (see savePatterns).
 *
 * @example
 * await savePatterns(symbol, interval, withOutcomes(bars, detections), "api", bars);
 */
export function withOutcomes(bars: readonly Bar[], detections: readonly Detection[]): DetectionToStore[] {
  const moved = movedOutcomesOf(bars, detections);
  return detections.map((d, i) => {
    const followed = moved[i];
    if (followed === undefined)
      throw new Error(`no outcome for detection ${i}: movedOutcomesOf answers one per detection`);
    const { outcome, movedAt } = followed;
    return { ...d, outcome: outcomeRecord(outcome), outcomeAsOf: sortableTime(movedAt) ?? movedAt };
  });
}
