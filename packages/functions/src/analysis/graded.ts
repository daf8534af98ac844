// A detection as it moves through scoring and alerting: compact (no extrema) so thousands fit in workflow state.

import {
  decideSeverity,
  detectionOrder,
  type Evidence,
  PATTERN_NAMES,
  type RunningEvidence,
} from "@stock-patterns/core";
import type { DetectionSummary, GradedDetection } from "@stock-patterns/core/contracts";
import { recordConfidences } from "#observability";
import type { StoredPattern } from "./pattern-table";

/** Core's contract: a stored detection without its extrema (those stay in TradingPatterns), and graded. */
export type { DetectionSummary, GradedDetection };

/**
 * A graded detection with the evidence for its code as of detectedAt: the running evidence from the
 * stream, the full one from an analysis (which has the whole series).
 */
export type EvidencedDetection = GradedDetection & { evidence?: Evidence | RunningEvidence };

/** Whether a detection raises an alert: it grades to a severity (grade, with core's thresholds). */
export const raisesAlert = (detection: { confidence: number }) =>
  decideSeverity(detection.confidence) !== null;

/** The summary of a stored detection (or of one about to be, under the id it will be stored under). */
export function summarize(
  stored: Pick<StoredPattern, "patternId" | "pattern" | "start" | "end" | "detectedAt" | "confidence">,
): DetectionSummary {
  const { patternId, pattern, start, end, detectedAt, confidence } = stored;
  return { patternId, pattern, name: PATTERN_NAMES[pattern], start, end, detectedAt, confidence };
}

/**
 * Grades detections: severity from core's thresholds, ConfidenceScore metric per detection (a line per
 * pattern type); in the spec's order (detectedAt, then code: detectionOrder, what `patterns scan` prints),
 * and each patternId kept once (families never overlap, replays might).
 */
export function grade(symbol: string, detections: readonly DetectionSummary[]): GradedDetection[] {
  const graded = gradedOf(detections);
  recordConfidences(symbol, graded);
  return graded;
}

/**
 * What grade answers, without its metric: what POST /patterns measures its answer from before it runs
 * (workflow/result-size.ts).
 */
export function gradedOf(detections: readonly DetectionSummary[]): GradedDetection[] {
  const seen = new Set<string>();
  const graded: GradedDetection[] = [];
  for (const detection of detections) {
    if (seen.has(detection.patternId)) continue;
    seen.add(detection.patternId);
    graded.push({ ...detection, severity: decideSeverity(detection.confidence) });
  }
  return graded.sort(detectionOrder);
}
