// The one order of detections (PATTERNS.md "Batch and streaming"): by detectedAt, then by code in the order
// of the spec's tables, as a scan builds them. For code that gathers detections from elsewhere (the
// workflow's family branches) and must answer them in the CLI's order.

import { timeValue } from "../bars/time";
import { PATTERN_CODES, type PatternCode } from "../types";

const RANK = new Map<PatternCode, number>(PATTERN_CODES.map((code, i) => [code, i]));

/**
 * Compares two detections in the spec's order, for `Array.prototype.sort`.
 *
 * @example
 * [{ pattern: "DTRI", detectedAt: "2000-07-05" }, { pattern: "IHS", detectedAt: "2000-07-05" }]
 *   .sort(detectionOrder) // IHS first: it comes before DTRI in the spec's tables
 */
export function detectionOrder(
  a: { pattern: PatternCode; detectedAt: string },
  b: { pattern: PatternCode; detectedAt: string },
): number {
  return (
    timeValue(a.detectedAt) - timeValue(b.detectedAt) ||
    (RANK.get(a.pattern) ?? 0) - (RANK.get(b.pattern) ?? 0)
  );
}
