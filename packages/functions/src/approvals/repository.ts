// The ApprovalTracking table: approval requests keyed by token hash; each decision is one conditional write.

import { GetCommand, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { TABLES } from "@stock-patterns/core/catalog";
import { z } from "zod";
import { dynamo } from "#aws";
import { linked } from "#config";
import { cursorShape, type Page, putIf, readPage, updateIf } from "#repositories";
import { type Approval, type ApprovalStatus, keptClosedUntil } from "./approval";

const SPEC = TABLES.ApprovalTracking;
const BY_ALERT = SPEC.indexes[0];

/**
 * Stores an approval unless one with its token hash exists; false then. A new request's token is fresh, so
 * only a reissue's SUPERSEDED tombstone, stored first, refuses it (see requestApproval).
 */
export async function createApproval(approval: Approval): Promise<boolean> {
  return putIf({
    TableName: linked("ApprovalTracking", "name"),
    Item: approval,
    ConditionExpression: "attribute_not_exists(#id)",
    ExpressionAttributeNames: { "#id": SPEC.partitionKey },
  });
}

/** One approval by token hash, read consistently, or undefined. */
export async function getApproval(tokenHash: string): Promise<Approval | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: linked("ApprovalTracking", "name"),
      Key: { [SPEC.partitionKey]: tokenHash },
      ConsistentRead: true,
    }),
  );
  return Item as Approval | undefined;
}

/**
 * An approval's deadline in a condition or filter, epoch seconds, as `#deadline`: its `deadlineEpoch`, or on
 * one stored before that was, its `expiresAtEpoch` (`#kept`), the deadline until a close rewrites it.
 */
const DEADLINE_NAMES = { "#deadline": "deadlineEpoch" satisfies keyof Approval, "#kept": SPEC.ttlAttribute };
const deadlineIs = (op: ">" | "<", value: string) =>
  `(#deadline ${op} ${value} OR (attribute_not_exists(#deadline) AND #kept ${op} ${value}))`;

/**
 * A close's writes: kept for the audit from `now` (keptClosedUntil: the TTL attribute rewritten, later than
 * the open approval's), the deadline first kept in `deadlineEpoch` where it was only in the TTL attribute
 * (every operand is read from the item before the update:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/example_dynamodb_Scenario_UpdateExpressionOrder_section.html).
 */
function keepClosed(now: Date) {
  return {
    set: "#deadline = if_not_exists(#deadline, #kept), #kept = :keptUntil",
    values: { ":keptUntil": keptClosedUntil(now) },
  };
}

/**
 * Records a decision if, and only if, the approval is still PENDING and unexpired at `now`.
 * Returns the decided approval, or undefined when the condition failed (someone decided first,
 * it expired, or it was superseded): the caller reads it again to say which.
 */
export async function recordDecision(
  tokenHash: string,
  status: "APPROVED" | "REJECTED",
  decidedBy: string,
  comment: string | undefined,
  now: Date,
): Promise<Approval | undefined> {
  const keep = keepClosed(now);
  const decided = await updateIf({
    TableName: linked("ApprovalTracking", "name"),
    Key: { [SPEC.partitionKey]: tokenHash },
    UpdateExpression: `SET #status = :status, decidedBy = :by, decidedAt = :at, #comment = :comment, ${keep.set}`,
    ConditionExpression: `#status = :pending AND ${deadlineIs(">", ":now")}`,
    ExpressionAttributeNames: { "#status": "status", "#comment": "comment", ...DEADLINE_NAMES },
    ExpressionAttributeValues: {
      ...keep.values,
      ":status": status,
      ":by": decidedBy,
      ":at": now.toISOString(),
      ":comment": comment ?? "",
      ":pending": "PENDING",
      ":now": Math.floor(now.getTime() / 1000),
    },
    ReturnValues: "ALL_NEW",
  });
  return decided?.Attributes as Approval | undefined;
}

/** Moves a PENDING approval to EXPIRED or SUPERSEDED (kept for the audit); false when it was no longer PENDING. */
export async function closeApproval(
  tokenHash: string,
  to: Extract<ApprovalStatus, "EXPIRED" | "SUPERSEDED">,
  now: Date,
) {
  const keep = keepClosed(now);
  const made = await updateIf({
    TableName: linked("ApprovalTracking", "name"),
    Key: { [SPEC.partitionKey]: tokenHash },
    UpdateExpression: `SET #status = :to, closedAt = :at, ${keep.set}`,
    ConditionExpression: "#status = :pending",
    ExpressionAttributeNames: { "#status": "status", ...DEADLINE_NAMES },
    ExpressionAttributeValues: { ...keep.values, ":to": to, ":pending": "PENDING", ":at": now.toISOString() },
  });
  return made !== undefined;
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

/** Every approval request ever made for an alert (normally one). */
export async function approvalsOfAlert(alertId: string): Promise<Approval[]> {
  const { Items } = await dynamo().send(
    new QueryCommand({
      TableName: linked("ApprovalTracking", "name"),
      IndexName: BY_ALERT.name,
      KeyConditionExpression: "#alert = :alert",
      ExpressionAttributeNames: { "#alert": BY_ALERT.partitionKey },
      ExpressionAttributeValues: { ":alert": alertId },
    }),
  );
  return (Items ?? []) as Approval[];
}

/**
 * Approval requests in one status (a filtered scan over the table: open requests and closed ones within
 * their audit retention, APPROVAL_AUDIT_RETENTION_SECONDS; TTL prunes the rest).
 */
export async function listApprovals(
  status: ApprovalStatus,
  limit: number,
  cursor?: string,
): Promise<Page<Approval>> {
  return readPage<Approval>(
    "scan",
    {
      TableName: linked("ApprovalTracking", "name"),
      FilterExpression: "#status = :status",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":status": status },
    },
    limit,
    cursorShape({ [SPEC.partitionKey]: z.string().regex(/^[0-9a-f]{64}$/) }),
    cursor,
  );
}

/** Undoes `markApprovalPublished` when the publish it claimed failed, so a retry publishes. */
export async function releaseApprovalPublished(tokenHash: string, at: string): Promise<void> {
  await updateIf({
    TableName: linked("ApprovalTracking", "name"),
    Key: { [SPEC.partitionKey]: tokenHash },
    UpdateExpression: "REMOVE publishedAt",
    ConditionExpression: "publishedAt = :at",
    ExpressionAttributeValues: { ":at": at },
  });
}

/** PENDING approvals whose deadline (epoch seconds) is before `epoch`: the sweep's to expire. Reads every page. */
export async function pendingApprovalsExpiredBefore(epoch: number): Promise<Approval[]> {
  const found: Approval[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({
        TableName: linked("ApprovalTracking", "name"),
        FilterExpression: `#status = :pending AND ${deadlineIs("<", ":epoch")}`,
        ExpressionAttributeNames: { "#status": "status", ...DEADLINE_NAMES },
        ExpressionAttributeValues: { ":pending": "PENDING", ":epoch": epoch },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    found.push(...((page.Items ?? []) as Approval[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}
