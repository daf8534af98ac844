// The one way from an outcome as the engine follows it (forward returns as a list) to the record of
// PATTERNS.md (returns keyed "1", "5", "10", "20"): every JSON, stored item and event takes this form.

import { byHorizon } from "./by-horizon";
import type { DetectionWithOutcome, FollowedDetection, FollowedOutcome, Outcome } from "./types";

/**
 * The outcome record of PATTERNS.md, with the forward returns known so far keyed by horizon.
 *
 * @example
 * outcomeRecord(scanOutcomes(bars)[0].outcome).returns // { "1": -0.0082, "5": 0.0497, ... }
 */
export function outcomeRecord(outcome: FollowedOutcome): Outcome {
  return {
    ceiling: outcome.ceiling,
    floor: outcome.floor,
    status: outcome.status,
    breakout: outcome.breakout,
    target: outcome.target,
    resolvedAt: outcome.resolvedAt,
    returns: byHorizon(outcome.returns),
  };
}

/**
 * A detection from scanOutcomes as PATTERNS.md writes it: the same keys in the same order, its outcome
 * by outcomeRecord.
 *
 * @example
 * JSON.stringify(detectionRecord(scanOutcomes(bars)[0])) // '{"pattern":"IHS",...,"outcome":{...}}'
 */
export function detectionRecord(detection: FollowedDetection): DetectionWithOutcome {
  return { ...detection, outcome: outcomeRecord(detection.outcome) };
}
