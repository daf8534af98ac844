// What an analysis answers besides its detections: each one's outcome as of the last bar sent and the
// evidence per code over the series (PATTERNS.md "Outcomes", "Evidence"), from the bars the API holds.

import {
  type Bar,
  type DetectionBars,
  type Evidence,
  evidenceOf,
  type Outcome,
  outcomesOf,
} from "@stock-patterns/core";

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
  return { detections: withOutcomes, evidence: evidenceOf([{ bars, detections: withOutcomes }]) };
}
