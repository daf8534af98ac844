// The one-at-a-time claims on an approval: a run's claim on telling its expiry, and the claim on publishing
// its approved alert once, each taken by a conditional write and given back when its message failed.

import { linked } from "#config";
import { updateIf } from "#repositories";
import type { Approval } from "./approval";
import { SPEC } from "./approval-table";

/**
 * Takes a PENDING approval's expiry for one run, stamped `at` (ISO): refused (false) when it is no longer
 * PENDING, or when another run's claim taken at or after `staleBefore` holds it. One run at a time tells
 * the approvers; a claim left by a run that stopped is taken over once stale.
 *
 * @example
 * if (await claimExpiry(approval.tokenHash, now.toISOString(), staleBefore)) await publishApprovalExpired(approval);
 */
export async function claimExpiry(tokenHash: string, at: string, staleBefore: string): Promise<boolean> {
  const claimed = await updateIf({
    TableName: linked("ApprovalTracking", "name"),
    Key: { [SPEC.partitionKey]: tokenHash },
    UpdateExpression: "SET #claim = :at",
    ConditionExpression: "#status = :pending AND (attribute_not_exists(#claim) OR #claim < :stale)",
    ExpressionAttributeNames: { "#status": "status", "#claim": "expiryClaimedAt" satisfies keyof Approval },
    ExpressionAttributeValues: { ":at": at, ":pending": "PENDING", ":stale": staleBefore },
  });
  return claimed !== undefined;
}

/** Gives back the expiry claim taken `at` when its notice could not be published, so a retry tells at once. */
export async function releaseExpiryClaim(tokenHash: string, at: string): Promise<void> {
  await giveBack(tokenHash, "expiryClaimedAt", at);
}

/** Marks an approved request as published; false when it already was (publish once). */
export async function markApprovalPublished(tokenHash: string, at: string): Promise<boolean> {
  const made = await updateIf({
    TableName: linked("ApprovalTracking", "name"),
    Key: { [SPEC.partitionKey]: tokenHash },
    UpdateExpression: "SET publishedAt = :at",
    ConditionExpression: "attribute_not_exists(publishedAt)",
    ExpressionAttributeValues: { ":at": at },
  });
  return made !== undefined;
}

/** Undoes `markApprovalPublished` when the publish it claimed failed, so a retry publishes. */
export async function releaseApprovalPublished(tokenHash: string, at: string): Promise<void> {
  await giveBack(tokenHash, "publishedAt", at);
}

/** Removes the approval's claim `attribute` while it still holds the `at` its taker stamped, not a later one. */
async function giveBack(
  tokenHash: string,
  attribute: "expiryClaimedAt" | "publishedAt",
  at: string,
): Promise<void> {
  await updateIf({
    TableName: linked("ApprovalTracking", "name"),
    Key: { [SPEC.partitionKey]: tokenHash },
    UpdateExpression: "REMOVE #claim",
    ConditionExpression: "#claim = :at",
    ExpressionAttributeNames: { "#claim": attribute satisfies keyof Approval },
    ExpressionAttributeValues: { ":at": at },
  });
}
