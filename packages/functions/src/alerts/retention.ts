// How long a finished alert is kept under RECORD_RETENTION_DAYS: the TTL the write that finishes it sets,
// and the one a raise that finds it again pushes on.

import { keptClosedUntil } from "@stock-patterns/core";
import { recordExpiry } from "@stock-patterns/core/catalog";
import { retentionDaysOfStage } from "#config";
import type { Alert } from "./alert";
import { SPEC } from "./alert-table";
import { SENT_AT } from "./sent-at";

/** What says whether an alert is finished, as a write leaves it. */
export type AlertStanding = Pick<
  Alert,
  "status" | "publishedAt" | "patternId" | "approvalTokenHash" | (typeof SENT_AT)["resolved"]
>;

/**
 * Whether nothing more can be told or decided about an alert: REJECTED or EXPIRED (no move leaves them,
 * and no event is told to them), or out on TradingAlerts (`publishedAt`) with nothing left to tell: no
 * detection (a threshold alert), or its detection's resolution told (the last lifecycle event: a breakout
 * is told before it, tellInRounds). A published detection alert whose resolution is untold may still be
 * told it up to 70 bars after its detection, by the stream or a catch-up; a QUEUED, PENDING_APPROVAL, or
 * APPROVED and unpublished alert waits on the routing, an approver or the sweep.
 *
 * @example
 * finished({ status: "PUBLISHED", publishedAt, patternId: "pat_…" }) // false: its resolution is untold
 */
export function finished(alert: AlertStanding): boolean {
  if (alert.status === "REJECTED" || alert.status === "EXPIRED") return true;
  if (alert.status !== "PUBLISHED" && alert.status !== "APPROVED") return false;
  if (alert.publishedAt === undefined) return false;
  return alert.patternId === undefined || alert[SENT_AT.resolved] !== undefined;
}

/**
 * The TTL epoch of an alert a write at `now` finishes, kept `days`: the retention from that write, and for
 * one that waited on an approver (`approvalTokenHash`) at least as long as its approvals, each closed at
 * or before the alert's finishing write and kept APPROVAL_AUDIT_RETENTION_SECONDS from its close
 * (keptClosedUntil), so an approval in the audit always leads to its alert.
 */
function keptUntil(alert: AlertStanding, now: Date, days: number): number {
  const kept = recordExpiry(now, days);
  return alert.approvalTokenHash === undefined ? kept : Math.max(kept, keptClosedUntil(now));
}

/**
 * The TTL attribute a write at `now` that leaves the alert as `after` gives it: its expiry when the stage
 * keeps records for RECORD_RETENTION_DAYS and the write finishes the alert (finished); nothing otherwise,
 * so an alert still unfinished, or any under no retention, is kept. Counted from the write, which comes
 * after the alert's raise, so an expired alert is out of every look-back the sweep may read (at most
 * RECOVERY_TIMING_MAX_SECONDS, within RECORD_RETENTION.minimumDays) and of any AlertQueue or
 * PendingApprovals message that may still be redriven.
 *
 * @example
 * await moveAlert(id, "reject", expiryOnFinish({ status: "REJECTED", approvalTokenHash }, now), guard)
 */
export function expiryOnFinish(after: AlertStanding, now: Date): { expiresAtEpoch?: number } {
  const days = retentionDaysOfStage();
  if (days === undefined || !finished(after)) return {};
  return { [SPEC.ttlAttribute]: keptUntil(after, now, days) };
}

/** How far short of a full retention an expiry may fall before a raise that finds its alert pushes it on. */
const PUSH_SLACK_SECONDS = 86_400;

/**
 * The expiry to give a stored, finished alert that a producer raised again at `now`, or undefined when its
 * own is within a day of that (or it has none): the ThresholdChecker finds the breach of a window's newest
 * bar again every 5 minutes for as long as that bar stays the newest (a daily bar for a day, a monthly one
 * for a month, a stopped feed's for good), and an alert TTL deleted then would be raised and published
 * again; an analysis of the same bars again likewise. Pushed at most once a day while it is found.
 *
 * @example
 * expiryOnRaiseAgain(current, now) // 1_790_000_000: its expiry was 28 days off, now 30 (29 days off: undefined)
 */
export function expiryOnRaiseAgain(current: Alert, now: Date): number | undefined {
  const days = retentionDaysOfStage();
  const expiry = current.expiresAtEpoch;
  if (days === undefined || expiry === undefined || !finished(current)) return undefined;
  const pushed = keptUntil(current, now, days);
  return expiry < pushed - PUSH_SLACK_SECONDS ? pushed : undefined;
}
