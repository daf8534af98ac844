// Watching a pending approval: when its hour is up undecided, mark it EXPIRED and tell the approvers.

import { expiryOnFinish, moveAlert } from "#alerts";
import { type PendingApprovalMessage, publishApprovalExpired } from "#messaging";
import { deadlineOf, isExpired } from "./approval";
import { closeApproval, getApproval } from "./repository";

/** closed: nothing left to watch; expired: marked now; waiting: look again in `seconds`. */
export type WatchOutcome = { kind: "closed" } | { kind: "expired" } | { kind: "waiting"; seconds: number };

/**
 * Checks one pending approval. Expiry is decided here in code (DynamoDB's TTL deletes late, and the
 * emulator has none). The notice goes out before the status changes, so a failure is retried.
 */
export async function watchApproval(
  message: PendingApprovalMessage,
  now = new Date(),
): Promise<WatchOutcome> {
  const approval = await getApproval(message.tokenHash);
  if (approval?.status !== "PENDING") return { kind: "closed" };
  if (!isExpired(approval, now)) {
    return { kind: "waiting", seconds: deadlineOf(approval) - Math.floor(now.getTime() / 1000) + 1 };
  }
  await publishApprovalExpired(approval);
  if (!(await closeApproval(approval.tokenHash, "EXPIRED", now))) return { kind: "closed" };
  const { tokenHash } = approval;
  await moveAlert(
    approval.alertId,
    "expire",
    expiryOnFinish({ status: "EXPIRED", approvalTokenHash: tokenHash }, now),
    {
      tokenHash,
    },
  );
  return { kind: "expired" };
}
