// The operator's repair of approvals an earlier release closed without \`deadlineEpoch\`: found by a scan, and
// kept for the audit as a close keeps one now (npm run repair:closed-approvals, repair-retention.ts).

import { linked } from "#config";
import { scanAll, updateIf } from "#repositories";
import type { Approval, ApprovalStatus } from "./approval";
import { DEADLINE_NAMES, SPEC } from "./approval-table";

/**
 * The approvals a release before `deadlineEpoch` (a11e279) closed, from a scan of the table a page at a time
 * (for the operator's repair; no function reads it). Closed, with no `deadlineEpoch`: every close since
 * copies the deadline there, and every request since is stored with it. Their `expiresAtEpoch`, the TTL
 * attribute, is still their decision deadline, so DynamoDB deletes them some days after it.
 *
 * @example
 * for await (const approval of closedBeforeDeadlineEpoch()) console.log(approval.tokenHash);
 */
export async function* closedBeforeDeadlineEpoch(
  onPage?: (scanned: number) => void,
): AsyncGenerator<Approval> {
  const attributes = [
    "tokenHash",
    "status",
    "createdAt",
    "decidedAt",
    "closedAt",
    "deadlineEpoch",
    "expiresAtEpoch",
  ];
  for await (const item of scanAll(linked("ApprovalTracking", "name"), attributes, onPage))
    if (item.status !== "PENDING" && item.deadlineEpoch === undefined) yield item as unknown as Approval;
}

/**
 * Keeps a closed approval of `status` that has no `deadlineEpoch` until `keptUntil` (epoch seconds), as a
 * close does now: the deadline copied from the TTL attribute into `deadlineEpoch`, the TTL attribute
 * rewritten (DynamoDB lets an expired item not yet deleted be updated, its TTL attribute too:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html). False when it is not there
 * as such any more: deleted by TTL meanwhile (an update would otherwise make a new item of the key alone),
 * or kept already.
 */
export async function keepClosedForAudit(
  tokenHash: string,
  status: Exclude<ApprovalStatus, "PENDING">,
  keptUntil: number,
): Promise<boolean> {
  const kept = await updateIf({
    TableName: linked("ApprovalTracking", "name"),
    Key: { [SPEC.partitionKey]: tokenHash },
    UpdateExpression: "SET #deadline = #kept, #kept = :keptUntil",
    ConditionExpression: "attribute_exists(#id) AND #status = :status AND attribute_not_exists(#deadline)",
    ExpressionAttributeNames: { ...DEADLINE_NAMES, "#id": SPEC.partitionKey, "#status": "status" },
    ExpressionAttributeValues: { ":keptUntil": keptUntil, ":status": status },
  });
  return kept !== undefined;
}
