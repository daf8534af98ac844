// How long a settled detection, and a finished alert, may be kept: the RECORD_RETENTION_DAYS setting, and
// the least it may be (the longest any in-flight work may still read one).

import { APPROVAL_TTL_SECONDS } from "./approval-hour";
import { APPROVAL_OPEN_RETENTION_SECONDS } from "./approval-keep";
import { RECOVERY_TIMING_MAX_SECONDS } from "./functions";
import { QUEUES, SET_ASIDE_QUEUES } from "./queues";
import { DAY } from "./units";

/**
 * The windows in which work still in flight may read a detection whose outcome is settled, each in
 * seconds from its alert's raise, which comes before the settling write (the stream raises it in the batch
 * that stores the detection) or seconds after it (an analysis stores, then decides in its next step; the
 * reads of in-flight work do not pass over an expired item, and TTL deletes one only days after):
 * - an approval waits its hour, then its PendingApprovals message may be redriven from the dead-letter
 *   queue until it is dropped; once decided, the alert is published and its catch-up reads the
 *   detection's outcome (tellPastEvents);
 * - an AlertQueue message, and so an alert's publication and catch-up, may come back from its dead-letter
 *   queue until it is dropped;
 * - a set-aside market-data record may be put back on the stream while it is kept: a detection deleted
 *   before would be stored again as new;
 * - the sweep reads the alerts of its look-back and their detections' outcomes (24 hours deployed, an
 *   operator may lengthen it to RECOVERY_TIMING_MAX_SECONDS).
 * Nothing else reads a settled detection but people: the stream's window follows only open outcomes (the
 * ThresholdChecker reads the detections among the window's bars: the expiry adds those bars, at the
 * detection's interval, BARS_IN_WINDOW_AFTER_SETTLED), and every evidence tally (the window's running one, EvidenceSnapshots, the pooled one) is counted as the
 * bars pass, never from stored detections.
 */
const IN_FLIGHT_SECONDS = [
  APPROVAL_TTL_SECONDS + APPROVAL_OPEN_RETENTION_SECONDS,
  ...Object.values(QUEUES).map((queue) => queue.deadLetterRetentionSeconds),
  ...Object.values(SET_ASIDE_QUEUES).map((queue) => queue.retentionSeconds),
  RECOVERY_TIMING_MAX_SECONDS,
];

/**
 * The retention setting: `RECORD_RETENTION_DAYS`, the days a detection is kept after the write that
 * settled its outcome (status decided and every forward return known: nothing can change it after), when
 * TTL may delete it. Unset, every detection is kept, as before. The clock starts at the settling write,
 * not at the detection: an outcome is decided up to MAX_OPEN_AGE (70) bars after the detection, which at
 * the largest interval the contracts take (999mo) is thousands of years, so no fixed number of days from
 * the detection could be safe; a detection whose outcome stays open (its series stopped) is kept.
 * The same setting keeps an alert that long after the write that finishes it (nothing more told or
 * decided: the functions' alerts/retention.ts), one that waited on an approver at least
 * APPROVAL_AUDIT_RETENTION_SECONDS; the windows above bound what in-flight work reads of alerts too, each
 * counted from before the finishing write (the alert's raise, its send, its creation for the sweep).
 */
export const RECORD_RETENTION = {
  variable: "RECORD_RETENTION_DAYS",
  minimumDays: Math.ceil(Math.max(...IN_FLIGHT_SECONDS) / DAY),
} as const;

/**
 * The retention in days from a setting (text from the environment, or a number from infra), undefined when
 * unset or empty; throws an Error naming RECORD_RETENTION_DAYS when it is not a whole number of days at
 * or above RECORD_RETENTION.minimumDays.
 *
 * @example
 * recordRetentionDays("90") // 90
 * recordRetentionDays(undefined) // undefined: keep everything
 * recordRetentionDays("7") // throws: 7 days is below the least retention, 30 days
 */
export function recordRetentionDays(setting: string | number | undefined): number | undefined {
  const text = String(setting ?? "").trim();
  if (text === "") return undefined;
  const { variable, minimumDays } = RECORD_RETENTION;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new Error(
      `${variable}: "${text}" is not a whole number of days (unset it to keep every detection)`,
    );
  const days = Number(text);
  if (days < minimumDays)
    throw new Error(
      `${variable}: ${days} days is below the least retention, ${minimumDays} days: a settled detection may ` +
        "still be read that long by an approval's or a dead-lettered alert's catch-up, a put-back market-data " +
        "record or the sweep's longest look-back",
    );
  return days;
}

/**
 * The TTL value (epoch seconds) of a detection settled by a write at `now`, kept `days`.
 *
 * @example
 * recordExpiry(new Date("2026-01-01T00:00:00Z"), 30) // 1769904000
 */
export const recordExpiry = (now: Date, days: number): number =>
  Math.floor(now.getTime() / 1000) + days * DAY;
