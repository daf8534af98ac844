// A CRITICAL alert waits for a human: one live approval (random token, stored hashed, 1 h), queued and announced.

import { randomBytes } from "node:crypto";
import { sha256Hex } from "@stock-patterns/core";
import { type Alert, claimStaleBefore, getAlert, markAlertOnce, moveAlert } from "#alerts";
import { recoveryTiming } from "#config";
import { enqueuePendingApproval, publishApprovalRequest } from "#messaging";
import type { Approval } from "./approval";
import { settleAlert } from "./decide";
import { approveUrl } from "./link";
import { closeApproval, createApproval, getApproval } from "./repository";

/**
 * requested: this call made and announced the request; alreadyRequested: it was announced before;
 * requestInProgress: another delivery holds the claim; alreadyClosed: the alert is past waiting;
 * alreadyDecided: an approver decided the unannounced request, so the alert was settled from that decision.
 */
export type ApprovalRequestOutcome =
  | "requested"
  | "alreadyRequested"
  | "requestInProgress"
  | "alreadyClosed"
  | "alreadyDecided";

/**
 * Requests approval for a CRITICAL alert, once. The alert row is the claim: QUEUED → PENDING_APPROVAL
 * with the new token's hash and the claim time. A redelivered message finds the claim and leaves it to
 * its holder; only when the claim is stale (its holder stopped before approvers were notified) is the
 * token reissued (the old one SUPERSEDED) and the rest redone. `read`: the alert as the caller just read
 * it (strongly consistent), so it is not read again.
 *
 * The holder may have announced the old link before it stopped, so an approver may have decided it. The old
 * approval is therefore closed first, with the same PENDING condition a decision needs: whichever write
 * came first wins. A decision found there is kept, and the alert settled from it, never reissued.
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
    const decided = await supersedeUnlessDecided(current.approvalTokenHash, now);
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

  const expires = new Date(now.getTime() + recoveryTiming().approvalTtlSeconds * 1000);
  const approval: Approval = {
    tokenHash,
    alertId: alert.alertId,
    status: "PENDING",
    createdAt: now.toISOString(),
    expiresAt: expires.toISOString(),
    expiresAtEpoch: Math.floor(expires.getTime() / 1000),
    symbol: current.symbol,
    interval: current.interval,
    severity: current.severity,
    summary: current.message,
  };
  await createApproval(approval);
  await enqueuePendingApproval({ tokenHash, alertId: alert.alertId, expiresAt: approval.expiresAt });
  await publishApprovalRequest(current, approval, approveUrl(token));
  await markAlertOnce(alert.alertId, "notifiedAt", now.toISOString());
  return "requested";
}

/**
 * Closes a stale request's approval SUPERSEDED unless an approver decided it first; answers that decision.
 * Undefined when there is none: superseded now or before, expired, or never stored (its holder stopped first).
 */
async function supersedeUnlessDecided(
  tokenHash: string | undefined,
  now: Date,
): Promise<Approval | undefined> {
  if (!tokenHash || (await closeApproval(tokenHash, "SUPERSEDED", now))) return undefined;
  const approval = await getApproval(tokenHash);
  return approval?.status === "APPROVED" || approval?.status === "REJECTED" ? approval : undefined;
}
