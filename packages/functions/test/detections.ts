// Stored detections for lifecycle tests: a detection whose outcome has moved as far as a test needs, and
// the queued alert it raises.

import assert from "node:assert";
import type { Outcome } from "@stock-patterns/core";
import type { Alert } from "#alerts";
import { savePatterns } from "#analysis";
import { queuedAlert } from "./fixtures";

/**
 * A DBOT detection of levels 90 to 110, detected at `detectedAt`, whose outcome has moved as far as
 * `outcome` says, as savePatterns takes it.
 *
 * @example
 * await savePatterns("CUR", "1d", [dbotDetection({}, "2024-03-02")], "stream");
 */
export function dbotDetection(outcome: Partial<Outcome> = {}, detectedAt = "2024-03-01") {
  return {
    pattern: "DBOT" as const,
    start: "2024-02-01",
    end: "2024-02-20",
    detectedAt,
    extrema: [],
    confidence: 82,
    outcome: {
      ceiling: 110,
      floor: 90,
      status: "open" as const,
      breakout: null,
      target: null,
      resolvedAt: null,
      returns: {},
      ...outcome,
    },
    outcomeAsOf: `${outcome.resolvedAt ?? outcome.breakout?.time ?? detectedAt}T00:00:00.000Z`,
  };
}

/**
 * Stores a DBOT detection of `symbol` (detected 2024-03-01, levels 90 to 110) whose outcome has moved as
 * far as `outcome` says; answers the queued alert it raises.
 *
 * @example
 * const alert = await storedDetection("LCP", { breakout: { time: "2024-03-12", direction: "up" } });
 */
export async function storedDetection(symbol: string, outcome: Partial<Outcome> = {}): Promise<Alert> {
  const detection = dbotDetection(outcome);
  const { patterns } = await savePatterns(symbol, "1d", [detection], "stream");
  const [pattern] = patterns;
  assert(pattern, "savePatterns answers the stored detection");
  return queuedAlert({
    symbol,
    pattern: "DBOT",
    patternId: pattern.patternId,
    barTime: detection.detectedAt,
  });
}
