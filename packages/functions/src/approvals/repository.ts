// The ApprovalTracking table: approval requests keyed by token hash; each decision is one conditional write.

import { GetCommand, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { TABLES } from "@stock-patterns/core/catalog";
import { z } from "zod";
import { dynamo } from "#aws";
import { linked } from "#config";
import { cursorShape, type Page, putIf, readPage, updateIf } from "#repositories";
import type { Approval, ApprovalStatus } from "./approval";

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
  const decided = await updateIf({
    TableName: linked("ApprovalTracking", "name"),
    Key: { [SPEC.partitionKey]: tokenHash },
    UpdateExpression: "SET #status = :status, decidedBy = :by, decidedAt = :at, #comment = :comment",
    ConditionExpression: "#status = :pending AND #expires > :now",
    ExpressionAttributeNames: {
      "#status": "status",
      "#comment": "comment",
      "#expires": SPEC.ttlAttribute,
    },
    ExpressionAttributeValues: {
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

/** Moves a PENDING approval to EXPIRED or SUPERSEDED; false when it was no longer PENDING. */
export async function closeApproval(
  tokenHash: string,
  to: Extract<ApprovalStatus, "EXPIRED" | "SUPERSEDED">,
  now: Date,
) {
  const made = await updateIf({
    TableName: linked("ApprovalTracking", "name"),
    Key: { [SPEC.partitionKey]: tokenHash },
    UpdateExpression: "SET #status = :to, closedAt = :at",
    ConditionExpression: "#status = :pending",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: { ":to": to, ":pending": "PENDING", ":at": now.toISOString() },
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

/** Approval requests in one status (a filtered scan: the table holds only live requests, TTL prunes it). */
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

/** PENDING approvals whose expiry (epoch seconds) is before `epoch`: the sweep's to expire. Reads every page. */
export async function pendingApprovalsExpiredBefore(epoch: number): Promise<Approval[]> {
  const found: Approval[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({
        TableName: linked("ApprovalTracking", "name"),
        FilterExpression: "#status = :pending AND #expires < :epoch",
        ExpressionAttributeNames: { "#status": "status", "#expires": SPEC.ttlAttribute },
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
