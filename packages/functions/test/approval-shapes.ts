// Approvals as older code stored them, written raw (createApproval would add what they lack): open ones with
// their alert waiting on it as that code left it (PENDING_APPROVAL on its token, the request announced), and
// closed ones as that code left them.

import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { sha256Hex } from "@stock-patterns/core";
import { APPROVAL_TTL_SECONDS } from "@stock-patterns/core/catalog";
import { alertUrl, putAlertIfNew } from "#alerts";
import type { Approval } from "#approvals";
import { dynamo } from "#aws";
import { linked } from "#config";
import { queuedAlert } from "./fixtures";

const epoch = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * An open approval of `token`, decidable until `deadline`, stored before the open index was: no `openFeed`.
 * `beforeDeadlineEpoch`: stored before `deadlineEpoch` was too, its TTL attribute the deadline; else kept
 * 14 days past it, as 118c9a7 stored it.
 *
 * @example
 * const before = await storedBeforeOpenIndex("tok-0123456789abcdef", new Date(), { beforeDeadlineEpoch: true });
 */
export async function storedBeforeOpenIndex(
  token: string,
  deadline: Date,
  { beforeDeadlineEpoch }: { beforeDeadlineEpoch: boolean },
): Promise<Approval> {
  const tokenHash = sha256Hex(token);
  const created = new Date(deadline.getTime() - APPROVAL_TTL_SECONDS * 1000).toISOString();
  const alert = queuedAlert({
    severity: "CRITICAL",
    createdAt: created,
    status: "PENDING_APPROVAL",
    approvalTokenHash: tokenHash,
    claimedAt: created,
    notifiedAt: created,
  });
  await putAlertIfNew(alert);
  const times = beforeDeadlineEpoch
    ? { expiresAtEpoch: epoch(deadline) }
    : { deadlineEpoch: epoch(deadline), expiresAtEpoch: epoch(deadline) + 14 * 86_400 };
  const approval: Approval = {
    tokenHash,
    alertId: alert.alertId,
    status: "PENDING",
    createdAt: created,
    expiresAt: deadline.toISOString(),
    ...times,
    symbol: alert.symbol,
    interval: alert.interval,
    severity: "CRITICAL",
    summary: alert.message,
  };
  await dynamo().send(new PutCommand({ TableName: linked("ApprovalTracking", "name"), Item: approval }));
  return approval;
}

/** How a release before a11e279 closed an approval: the fields its close wrote. */
export type OlderClose =
  | { status: "APPROVED" | "REJECTED"; decidedAt: Date; comment?: string }
  | { status: "EXPIRED"; closedAt: Date }
  /** A reissue's tombstone, stored closed (no close fields): its deadline an hour from `createdAt`. */
  | { status: "SUPERSEDED" };

/**
 * An approval of `token` requested at `createdAt` and closed as releases before a11e279 closed it: its TTL
 * attribute `expiresAtEpoch` its decision deadline (an hour from the request), no `deadlineEpoch`, no
 * `openFeed` (approvalOf and recordDecision / closeApproval at a11e279~1). Written raw, with no alert.
 *
 * @example
 * const closed = await closedByOlderRelease("tok-0123456789abcdef", new Date(), { status: "EXPIRED", closedAt });
 */
export async function closedByOlderRelease(
  token: string,
  createdAt: Date,
  close: OlderClose,
): Promise<Approval> {
  const alert = queuedAlert({ severity: "CRITICAL", createdAt: createdAt.toISOString() });
  const deadline = new Date(createdAt.getTime() + APPROVAL_TTL_SECONDS * 1000);
  const closeFields =
    close.status === "APPROVED" || close.status === "REJECTED"
      ? { decidedBy: "alice", decidedAt: close.decidedAt.toISOString(), comment: close.comment ?? "" }
      : close.status === "EXPIRED"
        ? { closedAt: close.closedAt.toISOString() }
        : {};
  const approval: Approval = {
    tokenHash: sha256Hex(token),
    alertId: alert.alertId,
    status: close.status,
    createdAt: createdAt.toISOString(),
    expiresAt: deadline.toISOString(),
    expiresAtEpoch: epoch(deadline),
    symbol: alert.symbol,
    interval: alert.interval,
    severity: "CRITICAL",
    summary: alert.message,
    alertUrl: alertUrl(alert.alertId),
    ...closeFields,
  };
  await dynamo().send(new PutCommand({ TableName: linked("ApprovalTracking", "name"), Item: approval }));
  return approval;
}
