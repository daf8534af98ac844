// What `patterns scan --outcomes` adds to the table and CSV: each detection's status, breakout and target
// (JSON Lines carry the whole outcome record).

import type { Detection, FollowedDetection } from "@stock-patterns/core";

export const OUTCOME_HEADER = ["status", "breakout", "target"];

/** The statuses in the order the table's summary counts them. */
const STATUSES = ["target", "failed", "stalled", "expired", "open"];

/** Six significant digits: enough to read a price, whatever its scale. */
const price = (value: number) => String(Number(value.toPrecision(6)));

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
    target === null ? "-" : price(target),
  ];
}

/** How the table's detections ended, from their status cells: "target 35, failed 30, ...". */
export function statusCounts(statuses: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return STATUSES.filter((status) => counts.has(status))
    .map((status) => `${status} ${counts.get(status)}`)
    .join(", ");
}
