// Approvals as older code stored them, written raw (createApproval would add what they lack), each with its
// alert waiting on it as that code left it: PENDING_APPROVAL on its token, the request announced.

import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { sha256Hex } from "@stock-patterns/core";
import { APPROVAL_TTL_SECONDS } from "@stock-patterns/core/catalog";
import { putAlertIfNew } from "#alerts";
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
