// A detection as it moves through scoring and alerting: compact (no extrema) so thousands fit in workflow state.

import { decideSeverity, detectionOrder, PATTERN_NAMES, type RunningEvidence } from "@stock-patterns/core";
import type { DetectionSummary, GradedDetection } from "@stock-patterns/core/contracts";
import { recordConfidences } from "#observability";
import type { StoredPattern } from "./pattern-table";

/** Core's contract: a stored detection without its extrema (those stay in TradingPatterns), and graded. */
export type { DetectionSummary, GradedDetection };

/** A graded detection from the stream: with the running evidence for its code as of detectedAt. */
export type EvidencedDetection = GradedDetection & { evidence?: RunningEvidence };

/** The summary of a stored detection. */
export function summarize(stored: StoredPattern): DetectionSummary {
  const { patternId, pattern, start, end, detectedAt, confidence } = stored;
  return { patternId, pattern, name: PATTERN_NAMES[pattern], start, end, detectedAt, confidence };
}

/**
 * Grades detections: severity from core's thresholds, ConfidenceScore metric per detection (a line per
 * pattern type); in the spec's order (detectedAt, then code: detectionOrder, what `patterns scan` prints),
 * and each patternId kept once (families never overlap, replays might).
 */
export function grade(symbol: string, detections: readonly DetectionSummary[]): GradedDetection[] {
  const seen = new Set<string>();
  const graded: GradedDetection[] = [];
  for (const detection of detections) {
    if (seen.has(detection.patternId)) continue;
    seen.add(detection.patternId);
    graded.push({ ...detection, severity: decideSeverity(detection.confidence) });
  }
  recordConfidences(symbol, graded);
  return graded.sort(detectionOrder);
}
