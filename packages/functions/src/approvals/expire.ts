// Watching a pending approval: when its hour is up undecided, mark it EXPIRED and tell the approvers, once.

import { FUNCTION_TIMEOUT_SECONDS } from "@stock-patterns/core/catalog";
import { expiryOnFinish, moveAlert } from "#alerts";
import { type PendingApprovalMessage, publishApprovalExpired } from "#messaging";
import { deadlineOf, isExpired } from "./approval";
import { claimExpiry, releaseExpiryClaim } from "./claims";
import { closeApproval, getApproval } from "./repository";

/**
 * How long a run's claim of an expiry holds: the longest timeout of the functions that expire approvals
 * (the ApprovalProcessor's watch, the ThresholdChecker's sweep). A claim is stamped with its run's `now`,
 * read after its invocation began, and Lambda stops an invocation at its timeout, so a claim older than
 * this has no holder left that could still tell the approvers.
 */
export const EXPIRY_CLAIM_LEASE_SECONDS = Math.max(
  FUNCTION_TIMEOUT_SECONDS.ApprovalProcessor,
  FUNCTION_TIMEOUT_SECONDS.ThresholdChecker,
);

/**
 * closed: nothing left to watch; expired: marked now; waiting: not due, look again in `seconds`; claimed:
 * another run is expiring it, look again in `seconds`, when that run's claim would be stale.
 */
export type WatchOutcome =
  | { kind: "closed" }
  | { kind: "expired" }
  | { kind: "waiting"; seconds: number }
  | { kind: "claimed"; seconds: number };

const epochOf = (at: Date | string) => Math.floor(new Date(at).getTime() / 1000);

/**
 * Checks one pending approval. Expiry is decided here in code (DynamoDB's TTL deletes late, and the
 * emulator has none). Runs overlap (the sweep, its repeats, the PendingApprovals watch), so the expiry is
 * claimed on the approval first: one run tells the approvers. The notice goes out before the status
 * changes, so a run that stops after its claim leaves the approval PENDING, and the next run after the
 * claim's lease tells them; one stopped between the notice and the close tells them twice (docs/reliability.md).
 * `orphanedBefore` (ISO): a claim taken before it has no holder left (a local system's earlier run, or its
 * runtime that died: SweepScope's `claimsOrphanedBefore`), so it is taken over at once rather than after
 * its lease.
 */
export async function watchApproval(
  message: PendingApprovalMessage,
  now = new Date(),
  orphanedBefore?: string,
): Promise<WatchOutcome> {
  const approval = await getApproval(message.tokenHash);
  if (approval?.status !== "PENDING") return { kind: "closed" };
  if (!isExpired(approval, now)) {
    return { kind: "waiting", seconds: deadlineOf(approval) - epochOf(now) + 1 };
  }
  const { tokenHash } = approval;
  const claimedAt = now.toISOString();
  const leaseBefore = new Date(now.getTime() - EXPIRY_CLAIM_LEASE_SECONDS * 1000).toISOString();
  const staleBefore =
    orphanedBefore !== undefined && orphanedBefore > leaseBefore ? orphanedBefore : leaseBefore;
  if (!(await claimExpiry(tokenHash, claimedAt, staleBefore))) return heldElsewhere(tokenHash, now);
  try {
    await publishApprovalExpired(approval);
  } catch (error) {
    await releaseExpiryClaim(tokenHash, claimedAt);
    throw error;
  }
  if (!(await closeApproval(tokenHash, "EXPIRED", now))) return { kind: "closed" };
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

/**
 * Why a claim was refused: the approval closed meanwhile, or another run's live claim holds it (given back
 * since, when that run's notice failed: look again at once).
 */
async function heldElsewhere(tokenHash: string, now: Date): Promise<WatchOutcome> {
  const approval = await getApproval(tokenHash);
  if (approval?.status !== "PENDING") return { kind: "closed" };
  const claimed = approval.expiryClaimedAt;
  const stale = claimed === undefined ? 0 : epochOf(claimed) + EXPIRY_CLAIM_LEASE_SECONDS;
  return { kind: "claimed", seconds: Math.max(1, stale - epochOf(now) + 1) };
}
