// What an analysis answers besides its detections: each one's outcome as of the last bar sent and the
// evidence per code over the series (PATTERNS.md "Outcomes", "Evidence"), from the bars the API holds.

import {
  type Bar,
  type Detection,
  type DetectionBars,
  type Evidence,
  evidenceAtTimes,
  evidenceOf,
  type FollowedOutcome,
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
 * whichever of them writes last, the stored outcome stays the newest (see savePatterns). Those `alerting`
 * picks also get `evidence`: their code's over `bars` as of their detectedAt (evidenceAtDetections).
 *
 * @example
 * await savePatterns(symbol, interval, withOutcomes(bars, detections, raisesAlert), "api", bars);
 */
export function withOutcomes(
  bars: readonly Bar[],
  detections: readonly Detection[],
  alerting: (detection: Detection) => boolean = () => false,
): DetectionToStore[] {
  const moved = movedOutcomesOf(bars, detections);
  const followed = detections.map((d, i) => {
    const outcome = moved[i];
    if (outcome === undefined)
      throw new Error(`no outcome for detection ${i}: movedOutcomesOf answers one per detection`);
    return { ...d, ...outcome };
  });
  const evidence = evidenceAtDetections(bars, followed, alerting);
  return followed.map(({ outcome, movedAt, ...d }, i) => {
    const atDetection = evidence[i];
    return {
      ...d,
      outcome: outcomeRecord(outcome),
      outcomeAsOf: sortableTime(movedAt) ?? movedAt,
      ...(atDetection && { evidence: atDetection }),
    };
  });
}

/**
 * The evidence of each detection `wanted` picks (undefined for the others): its code's over `bars` as of
 * its detectedAt (PATTERNS.md "Evidence", with median and KS: what `patterns stats --as-of` prints). A
 * code's evidence counts only its own detections and the bars, so a family's detections are enough for
 * their codes. Core's evidenceAtTimes counts them all in one pass over the times.
 *
 * @example
 * const [evidence] = evidenceAtDetections(bars, [{ ...detection, outcome }], () => true); // evidence.pattern: "HS"
 */
export function evidenceAtDetections<D extends Detection & { outcome: FollowedOutcome }>(
  bars: readonly Bar[],
  detections: readonly D[],
  wanted: (detection: D) => boolean,
): (Evidence | undefined)[] {
  const picked = detections.filter(wanted);
  const evidence = evidenceAtTimes(
    { bars, detections },
    picked.map((d) => ({ pattern: d.pattern, asOf: d.detectedAt })),
  );
  const of = new Map(picked.map((d, i) => [d, evidence[i]]));
  return detections.map((d) => of.get(d));
}
