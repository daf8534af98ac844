// What an approval is: a CRITICAL alert waiting for a human, as the API shows it.

import * as z from "zod";
import { SEVERITIES } from "../alerts/severity";
import { APPROVAL_AUDIT_RETENTION_SECONDS, APPROVAL_OPEN_RETENTION_SECONDS } from "../catalog";
import { APPROVAL_STATUSES, type ApprovalStatus } from "./decision";

/**
 * An approval's decision deadline and its stay in ApprovalTracking, epoch seconds. `expiresAtEpoch` is the
 * table's TTL attribute; `deadlineEpoch` the deadline, absent on approvals stored before it was, whose
 * `expiresAtEpoch` is their deadline until a close rewrites it (the close stores `deadlineEpoch` then).
 */
export interface ApprovalTimes {
  deadlineEpoch?: number;
  expiresAtEpoch: number;
}

/**
 * The second from which an approval can no longer be decided.
 *
 * @example
 * deadlineOf({ deadlineEpoch: 1_700_000_000, expiresAtEpoch: 1_701_209_600 }) // 1_700_000_000
 * deadlineOf({ expiresAtEpoch: 1_700_000_000 }) // 1_700_000_000: stored before deadlineEpoch was
 */
export function deadlineOf(approval: ApprovalTimes): number {
  return approval.deadlineEpoch ?? approval.expiresAtEpoch;
}

/**
 * Whether an approval can no longer be decided because its time is up.
 *
 * @example
 * isExpired({ deadlineEpoch: 1_700_000_000, expiresAtEpoch: 1_701_209_600 }, new Date(1_700_000_000_000)) // true: the second it ends
 */
export function isExpired(approval: ApprovalTimes, now: Date): boolean {
  return Math.floor(now.getTime() / 1000) >= deadlineOf(approval);
}

/**
 * Whether an approval ran out undecided, as its view's `expired` says (docs/api.md: true once past its hour):
 * marked EXPIRED, or still PENDING at or past its deadline (the ApprovalProcessor or the sweep marks it
 * soon after). One decided in its hour, or replaced by a newer request (SUPERSEDED), did not run out.
 *
 * @example
 * ranOut({ status: "EXPIRED", deadlineEpoch: 1_700_000_000, expiresAtEpoch: 1_734_560_000 }, new Date()) // true
 * ranOut({ status: "APPROVED", deadlineEpoch: 1_700_000_000, expiresAtEpoch: 1_734_560_000 }, new Date()) // false
 */
export function ranOut(approval: ApprovalTimes & { status: ApprovalStatus }, now: Date): boolean {
  return approval.status === "EXPIRED" || (approval.status === "PENDING" && isExpired(approval, now));
}

/**
 * The TTL value of an open approval, epoch seconds: kept APPROVAL_OPEN_RETENTION_SECONDS past its deadline.
 *
 * @example
 * keptOpenUntil(1_700_000_000) // 1_701_209_600: 14 days on
 */
export function keptOpenUntil(deadlineEpoch: number): number {
  return deadlineEpoch + APPROVAL_OPEN_RETENTION_SECONDS;
}

/**
 * The TTL value of a closed approval (decided, expired, superseded), epoch seconds: kept
 * APPROVAL_AUDIT_RETENTION_SECONDS from its close.
 *
 * @example
 * keptClosedUntil(new Date(1_700_000_000_000)) // 1_734_560_000: 400 days on
 */
export function keptClosedUntil(closedAt: Date): number {
  return Math.floor(closedAt.getTime() / 1000) + APPROVAL_AUDIT_RETENTION_SECONDS;
}

/** An approval request as approvers see it: named by its token's SHA-256, never by the token. */
export const approvalViewSchema = z
  .object({
    /** The SHA-256 (hex) of the approval's one-time token: the approval's name in the API. */
    id: z.string().regex(/^[0-9a-f]{64}$/),
    alertId: z.string().min(1),
    status: z.enum(APPROVAL_STATUSES),
    createdAt: z.string(),
    /** ISO time after which no decision is accepted. */
    expiresAt: z.string(),
    symbol: z.string(),
    interval: z.string(),
    severity: z.enum(SEVERITIES),
    summary: z.string(),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    comment: z.string().optional(),
    publishedAt: z.string().optional(),
    /** When it was EXPIRED or SUPERSEDED (a decision's time is `decidedAt`); absent on a reissue's tombstone, stored closed. */
    closedAt: z.string().optional(),
    /** Ran out undecided (ranOut): EXPIRED, or PENDING past its expiry and not yet marked EXPIRED. */
    expired: z.boolean(),
  })
  .meta({
    id: "Approval",
    examples: [
      {
        id: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        alertId: "alr_5b0c1e8f2a7d4c3b9e6f1a2d3c4b5a69",
        status: "PENDING",
        createdAt: "2024-03-04T21:00:03.120Z",
        expiresAt: "2024-03-04T22:00:03.120Z",
        symbol: "AAPL",
        interval: "1d",
        severity: "CRITICAL",
        summary: "head-and-shoulders (HS) ending 2024-02-27, confidence 93",
        expired: false,
      },
    ],
  });
export type ApprovalView = z.infer<typeof approvalViewSchema>;
