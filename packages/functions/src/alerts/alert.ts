// An alert as the Alerts table keeps it: core's alert (the API's view, the AlertQueue message) plus the
// bookkeeping only the processors read.

import {
  ALERT_ID,
  type Alert as AlertView,
  alertSchema,
  givenAlertId,
  sortableTime,
} from "@stock-patterns/core";

export {
  ALERT_STATUSES,
  type AlertStatus,
  SEVERITIES,
  THRESHOLD_RULES,
  type ThresholdRule,
} from "@stock-patterns/core";

import { recoveryTiming } from "#config";

/** An alert as stored and queued. */
export interface Alert extends AlertView {
  /** Set while a CRITICAL alert waits: the hash of its live approval token. */
  approvalTokenHash?: string;
  /** When a processor took the alert to route it; other deliveries keep off until the claim is stale. */
  claimedAt?: string;
  /** When the alert was put on AlertQueue (so a repeat of the producer does not queue it again). */
  enqueuedAt?: string;
  notifiedAt?: string;
  /** When the sweep last put the alert back on AlertQueue (at most once per grace period). */
  redrivenAt?: string;
  /** When the lifecycle message of its detection's breakout was claimed for sending (once). */
  breakoutSentAt?: string;
  /** When the lifecycle message of its detection's resolution was claimed for sending (once). */
  resolvedSentAt?: string;
  /**
   * When the alert's catch-up was done (catchUpLifecycle): by its publisher once the alert went out, or by
   * the sweep a grace later when the publisher stopped before; the sweep then looks at the alert no more.
   */
  caughtUpAt?: string;
  /**
   * "stream": the KinesisConsumer stored it, after it stored its detection's outcome; each later batch of
   * its symbol reads it, so its publisher may mark its catch-up done (catchUpLifecycle).
   */
  raisedBy?: "stream";
  /**
   * The Alerts table's TTL attribute (epoch seconds), set only under RECORD_RETENTION_DAYS by the write that
   * finishes the alert (retention.ts); reads pass over an alert past it, as if TTL had deleted it.
   */
  expiresAtEpoch?: number;
}

/**
 * The ISO time before which a claim taken is stale at `now` (the lease: see RecoveryTiming).
 */
export function claimStaleBefore(now: Date, leaseSeconds = recoveryTiming().claimLeaseSeconds): string {
  return new Date(now.getTime() - leaseSeconds * 1000).toISOString();
}

/**
 * An alert in the form every alert is stored in: an id of ALERT_ID's shape and a createdAt in ISO UTC to
 * the millisecond, as the raisers write them. An alarm's alert comes from EventBridge's input template
 * (infra/schedule.ts) as `alarm-<name>-<time>` created at EventBridge's time, which has no milliseconds
 * (`2026-01-02T03:04:05Z`); stored so, a page of GET /alerts ending on it gave a cursor the next request
 * refused, and its page could not be opened.
 *
 * @example
 * storedForm({ ...alert, alertId: "alarm-x-2026-01-02T03:04:05Z", createdAt: "2026-01-02T03:04:05Z" })
 * // { ...alert, alertId: "alr_…", createdAt: "2026-01-02T03:04:05.000Z" }
 */
export function storedForm(alert: Alert): Alert {
  const alertId = ALERT_ID.test(alert.alertId) ? alert.alertId : givenAlertId(alert.alertId);
  const createdAt = sortableTime(alert.createdAt) ?? alert.createdAt;
  return alertId === alert.alertId && createdAt === alert.createdAt
    ? alert
    : { ...alert, alertId, createdAt };
}

/** The AlertQueue message body: the alert itself, checked on the way in by the AlertProcessor, in stored form. */
export const alertMessageSchema = alertSchema.transform(storedForm);

/** Reads an AlertQueue message body; throws a ZodError or SyntaxError for a malformed one. */
export function parseAlertMessage(body: string): Alert {
  return alertMessageSchema.parse(JSON.parse(body));
}
