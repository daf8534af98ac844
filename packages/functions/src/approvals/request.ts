// A CRITICAL alert waits for a human: one live approval (random token, stored hashed, 1 h), queued and announced.

import { randomBytes } from "node:crypto";
import { sha256Hex } from "@stock-patterns/core";
import { type Alert, claimStaleBefore, getAlert, markAlertOnce, moveAlert } from "#alerts";
import { recoveryTiming } from "#config";
import { enqueuePendingApproval, publishApprovalRequest } from "#messaging";
import type { Approval } from "./approval";
import { approveUrl } from "./link";
import { closeApproval, createApproval } from "./repository";

export type ApprovalRequestOutcome = "requested" | "alreadyRequested" | "requestInProgress" | "alreadyClosed";

/**
 * Requests approval for a CRITICAL alert, once. The alert row is the claim: QUEUED → PENDING_APPROVAL
 * with the new token's hash and the claim time. A redelivered message finds the claim and leaves it to
 * its holder; only when the claim is stale (its holder stopped before approvers were notified) is the
 * token reissued (the old one SUPERSEDED) and the rest redone. `read`: the alert as the caller just read
 * it (strongly consistent), so it is not read again.
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
  const claimed =
    current.status === "QUEUED"
      ? await moveAlert(alert.alertId, "awaitApproval", claim)
      : await moveAlert(alert.alertId, "reissueApproval", claim, {
          tokenHash: current.approvalTokenHash,
          claimStaleBefore: claimStaleBefore(now),
        });
  if (!claimed) return "requestInProgress";
  if (current.approvalTokenHash) await closeApproval(current.approvalTokenHash, "SUPERSEDED", now);

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
