// When the stream stores a series' evidence tally: at a batch's last bar, once per hour of bar time at
// most, so intraday series (a batch may hold one bar per symbol) do not write a snapshot for every bar,
// while daily and slower series get one at every batch.

import { sortableTime } from "@stock-patterns/core";

/** Bar time between two snapshots of a series, at least. */
export const SNAPSHOT_EVERY_MS = 3_600_000;

const hourOf = (time: string) => Math.floor(Date.parse(sortableTime(time) ?? "") / SNAPSHOT_EVERY_MS);

/**
 * Whether a batch whose last bar is at `last` should snapshot the tally: its bar falls in a later hour
 * than the window's newest bar before the batch (`previous`, none for a new series).
 *
 * @example
 * snapshotDue("2024-01-02", "2024-01-03") // true
 * snapshotDue("2024-01-02T10:01:00Z", "2024-01-02T10:02:00Z") // false
 */
export function snapshotDue(previous: string | undefined, last: string): boolean {
  if (previous === undefined) return true;
  const before = hourOf(previous);
  const now = hourOf(last);
  return Number.isNaN(before) || Number.isNaN(now) || now > before;
}
