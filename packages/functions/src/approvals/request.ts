// A CRITICAL alert waits for a human: one live approval (random token, stored hashed, 1 h), queued and announced.

import { randomBytes } from "node:crypto";
import { sha256Hex } from "@stock-patterns/core";
import { type Alert, alertUrl, claimStaleBefore, getAlert, markAlertOnce, moveAlert } from "#alerts";
import { recoveryTiming } from "#config";
import { enqueuePendingApproval, publishApprovalRequest } from "#messaging";
import { type Approval, keptClosedUntil, keptOpenUntil } from "./approval";
import { settleAlert } from "./decide";
import { approveUrl } from "./link";
import { closeApproval, createApproval, getApproval } from "./repository";

/**
 * requested: this call made and announced the request; alreadyRequested: it was announced before;
 * requestInProgress: another delivery holds the claim; alreadyClosed: the alert is past waiting;
 * alreadyDecided: an approver decided the unannounced request, so the alert was settled from that decision;
 * superseded: this call's claim went stale before it stored its request, and another delivery reissued
 * it, so this one announced nothing.
 */
export type ApprovalRequestOutcome =
  | "requested"
  | "alreadyRequested"
  | "requestInProgress"
  | "alreadyClosed"
  | "alreadyDecided"
  | "superseded";

/**
 * Requests approval for a CRITICAL alert, once. The alert row is the claim: QUEUED → PENDING_APPROVAL
 * with the new token's hash and the claim time. A redelivered message finds the claim and leaves it to
 * its holder; only when the claim is stale (its holder stopped before approvers were notified) is the
 * token reissued (the old one SUPERSEDED) and the rest redone. `read`: the alert as the caller just read
 * it (strongly consistent), so it is not read again.
 *
 * The holder may have announced the old link before it stopped, so an approver may have decided it. The old
 * approval is therefore closed first, with the same PENDING condition a decision needs: whichever write
 * came first wins. A decision found there is kept, and the alert settled from it, never reissued. The holder
 * may also be slow, not stopped, and store its request later: a reissue that finds none stores it
 * SUPERSEDED first, so the holder's conditional create is refused and it stops without announcing. Either
 * way the old approval is out of PENDING for good before the alert takes the new token.
 */
export async function requestApproval(
  alert: Alert,
  now = new Date(),
  read?: Alert,
): Promise<ApprovalRequestOutcome> {
  const current = read ?? (await getAlert(alert.alertId));
  if (!current) throw new Error(`alert ${alert.alertId} is not stored`);
  if (current.status !== "QUEUED" && current.status !== "PENDING_APPROVAL") return "alreadyClosed";
  if (current.status === "PENDING_APPROVAL" && current.notifiedAt) return "alreadyRequested";

  const token = randomBytes(32).toString("base64url");
  const tokenHash = sha256Hex(token);
  const claim = { approvalTokenHash: tokenHash, claimedAt: now.toISOString() };
  let claimed: boolean;
  if (current.status === "QUEUED") {
    claimed = await moveAlert(alert.alertId, "awaitApproval", claim);
  } else {
    const stale = claimStaleBefore(now);
    // A live claim's holder may still announce its approval: leave that approval open.
    if (current.claimedAt && current.claimedAt >= stale) return "requestInProgress";
    const decided = await supersedeUnlessDecided(current, now);
    if (decided) {
      await settleAlert(decided);
      return "alreadyDecided";
    }
    claimed = await moveAlert(alert.alertId, "reissueApproval", claim, {
      tokenHash: current.approvalTokenHash,
      claimStaleBefore: stale,
    });
  }
  if (!claimed) return "requestInProgress";

  const approval = approvalOf(current, tokenHash, "PENDING", now);
  // Refused only by a reissue's tombstone: this claim went stale and the request is another delivery's now.
  if (!(await createApproval(approval))) return "superseded";
  await enqueuePendingApproval({ tokenHash, alertId: alert.alertId, expiresAt: approval.expiresAt });
  // Announced as it now stands: the claim above moved it to PENDING_APPROVAL (`current` is the read before).
  await publishApprovalRequest({ ...current, status: "PENDING_APPROVAL" }, approval, approveUrl(token));
  // Only while the alert still waits on this token: a late holder must not mark a reissue announced.
  await markAlertOnce(alert.alertId, "notifiedAt", now.toISOString(), tokenHash);
  return "requested";
}

/** The approval of `alert` under `tokenHash`, decidable (if PENDING) for the approval TTL from `now`. */
function approvalOf(alert: Alert, tokenHash: string, status: "PENDING" | "SUPERSEDED", now: Date): Approval {
  const expires = new Date(now.getTime() + recoveryTiming().approvalTtlSeconds * 1000);
  const deadlineEpoch = Math.floor(expires.getTime() / 1000);
  return {
    tokenHash,
    alertId: alert.alertId,
    status,
    createdAt: now.toISOString(),
    expiresAt: expires.toISOString(),
    deadlineEpoch,
    // A tombstone is closed as it is stored: kept for the audit as any other close.
    expiresAtEpoch: status === "SUPERSEDED" ? keptClosedUntil(now) : keptOpenUntil(deadlineEpoch),
    symbol: alert.symbol,
    interval: alert.interval,
    severity: alert.severity,
    summary: alert.message,
    alertUrl: alertUrl(alert.alertId),
  };
}

/**
 * Closes a stale request's approval SUPERSEDED unless an approver decided it first; answers that decision.
 * Undefined when there is none: superseded now or before, or expired. One never stored (its holder stopped,
 * or stalled, first) is stored SUPERSEDED, a tombstone its holder's create cannot overwrite; it outlives
 * any holder (kept for the audit retention, against a claim lease longer than the processor's timeout)
 * before TTL deletes it. When the holder stores its request between the read and the tombstone, that is closed instead.
 */
async function supersedeUnlessDecided(current: Alert, now: Date): Promise<Approval | undefined> {
  const tokenHash = current.approvalTokenHash;
  if (!tokenHash || (await closeApproval(tokenHash, "SUPERSEDED", now))) return undefined;
  let approval = await getApproval(tokenHash);
  if (!approval) {
    if (await createApproval(approvalOf(current, tokenHash, "SUPERSEDED", now))) return undefined;
    if (await closeApproval(tokenHash, "SUPERSEDED", now)) return undefined;
    approval = await getApproval(tokenHash);
  }
  return approval?.status === "APPROVED" || approval?.status === "REJECTED" ? approval : undefined;
}
