// The one way from an outcome as the engine follows it (forward returns as a list) to the record of
// PATTERNS.md (returns keyed "1", "5", "10", "20"): every JSON, stored item and event takes this form.

import { WINDOW } from "../engine/spec";
import { byHorizon } from "./by-horizon";
import { HORIZONS, MAX_HORIZON } from "./spec";
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

/**
 * Whether nothing can change a stored outcome any more: decided, and every forward return known (what the
 * stream's isSettled asks of an outcome it follows, read from the record). A detection's retention starts
 * at the write that stores it so (RECORD_RETENTION).
 *
 * @example
 * outcomeSettled({ ...outcome, status: "target", returns: { "1": 0.01, "5": 0.02, "10": 0.03, "20": 0.04 } }) // true
 */
export function outcomeSettled(outcome: Outcome): boolean {
  return outcome.status !== "open" && HORIZONS.every((h) => outcome.returns[`${h}`] !== undefined);
}

/**
 * The most bars a settled detection may still lie in its series' window (the stream's newest WINDOW bars,
 * its detection bar the newest when it was found), where the ThresholdChecker reads it to confirm a breach:
 * it settles MAX_HORIZON bars after its detection at the earliest. A detection's retention adds them, at
 * its interval's span.
 */
export const BARS_IN_WINDOW_AFTER_SETTLED = WINDOW - 1 - MAX_HORIZON;
