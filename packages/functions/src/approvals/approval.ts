// An approval as ApprovalTracking keeps it: a CRITICAL alert waiting for a human, found by the hash of
// its one-time token. The API shows core's ApprovalView of it.

import { type ApprovalTimes, type ApprovalView, ranOut } from "@stock-patterns/core";

export {
  APPROVAL_STATUSES,
  type ApprovalStatus,
  type Decision,
  deadlineOf,
  isExpired,
  keptClosedUntil,
  keptOpenUntil,
  statusOf,
} from "@stock-patterns/core";

/**
 * An approval request as stored in ApprovalTracking. `deadlineEpoch` is `expiresAt` in epoch seconds (absent
 * on approvals stored before it: see ApprovalTimes); `expiresAtEpoch`, the table's TTL attribute, is when
 * DynamoDB may delete it (keptOpenUntil, keptClosedUntil).
 */
export interface Approval extends Omit<ApprovalView, "id" | "expired">, ApprovalTimes {
  tokenHash: string;
  /**
   * The console page of its alert, for the lifecycle messages told when it is approved (the Api, which
   * decides, has no console address: the console is built with the Api's). Absent on older approvals.
   */
  alertUrl?: string;
  /**
   * Present only while the approval is PENDING: the partition key of ApprovalTracking's sparse
   * openByDeadline index (its repository writes and removes it). Absent on an open approval stored before
   * the index was.
   */
  openFeed?: string;
  /**
   * When a run took this approval's expiry (claimExpiry, ISO): the one run that tells the approvers, unless
   * it stopped before closing the approval and its claim went stale (EXPIRY_CLAIM_LEASE_SECONDS).
   */
  expiryClaimedAt?: string;
}

/**
 * An approval as approvers see it (the token itself is never stored, so never shown).
 *
 * @example
 * toView(approval, new Date()).id // approval.tokenHash
 */
export function toView(approval: Approval, now = new Date()): ApprovalView {
  const {
    tokenHash,
    deadlineEpoch: _deadline,
    expiresAtEpoch: _kept,
    alertUrl: _link,
    openFeed: _open,
    expiryClaimedAt: _claim,
    ...rest
  } = approval;
  // The rest is answered, so a stored field the view does not name must be taken out above (does not
  // compile otherwise): else the API sends a field its document lacks, as closedAt once went out.
  const _named: [Exclude<keyof typeof rest, keyof ApprovalView>] extends [never] ? true : never = true;
  return { id: tokenHash, ...rest, expired: ranOut(approval, now) };
}
