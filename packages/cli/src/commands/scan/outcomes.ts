// What `patterns scan --outcomes` adds to the table and CSV: each detection's status, breakout and target
// (JSON Lines carry the whole outcome record).

import { type Detection, type FollowedDetection, priceText } from "@stock-patterns/core";

export const OUTCOME_HEADER = ["status", "breakout", "target"];

/** The statuses in the order the table's summary counts them (a table row holds its status's index). */
export const OUTCOME_STATUSES = ["target", "failed", "stalled", "expired", "open"] as const;

/**
 * The outcome cells of a detection from scanOutcomes: status, breakout ("up 2020-03-02" or "-") and
 * target ("-" before a breakout).
 *
 * @example
 * outcomeCells(d) // ["target", "down 2008-09-15", "1089.52"]
 */
export function outcomeCells(detection: Detection): string[] {
  const { outcome } = detection as FollowedDetection;
  const { breakout, target } = outcome;
  return [
    outcome.status,
    breakout === null ? "-" : `${breakout.direction} ${breakout.time}`,
    target === null ? "-" : priceText(target),
  ];
}

/**
 * How the table's detections ended, from the count of each status (`counts[i]` of OUTCOME_STATUSES[i]):
 * "target 35, failed 30, ...".
 *
 * @example
 * statusCounts([35, 30, 0, 0, 2]) // "target 35, failed 30, open 2"
 */
export function statusCounts(counts: readonly number[]): string {
  return OUTCOME_STATUSES.flatMap((status, i) => (counts[i] ? [`${status} ${counts[i]}`] : [])).join(", ");
}
