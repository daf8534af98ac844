// The ApprovalTracking table: approval requests keyed by token hash; each decision is one conditional write.

import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { TABLES } from "@stock-patterns/core/catalog";
import * as z from "zod";
import { dynamo } from "#aws";
import { linked } from "#config";
import {
  cursorShape,
  getMany,
  keptFilter,
  type Page,
  pastTtl,
  putIf,
  queryAll,
  readPage,
  scanAll,
  updateIf,
} from "#repositories";
import { type Approval, type ApprovalStatus, keptClosedUntil } from "./approval";

const SPEC = TABLES.ApprovalTracking;
type ApprovalIndex = (typeof SPEC.indexes)[number];
/** One of the table's catalog indexes, by name. */
const indexNamed = <N extends ApprovalIndex["name"]>(name: N) =>
  SPEC.indexes.find((index) => index.name === name) as Extract<ApprovalIndex, { name: N }>;
// A read names its index literally (`"byAlert" satisfies …`, checked against the catalog by the compiler):
// the least-privilege check (scripts/synth/resource-calls.ts) reads the name from the bundle's call.
const BY_ALERT = indexNamed("byAlert");
/**
 * Open approvals by deadline. Sparse: every PENDING approval carries `openFeed` (one feed, so one Query
 * reads them all in deadline order) from its request until its close removes it, and DynamoDB indexes only
 * items that have both key attributes; closed approvals, kept 400 days, are never read through it.
 */
const OPEN = indexNamed("openByDeadline");
/** The one value of `openFeed` every open approval carries: the sparse index's one partition (docs/capacity.md). */
export const OPEN_FEED = "open";
const OPEN_KEY: keyof Approval = OPEN.partitionKey;
const OPEN_DEADLINE: keyof Approval = OPEN.sortKey;

/**
 * Stores an approval unless one with its token hash exists; false then. A new request's token is fresh, so
 * only a reissue's SUPERSEDED tombstone, stored first, refuses it (see requestApproval).
 */
export async function createApproval(approval: Approval): Promise<boolean> {
  return putIf({
    TableName: linked("ApprovalTracking", "name"),
    Item: approval.status === "PENDING" ? { ...approval, [OPEN_KEY]: OPEN_FEED } : approval,
    ConditionExpression: "attribute_not_exists(#id)",
    ExpressionAttributeNames: { "#id": SPEC.partitionKey },
  });
}

/**
 * One approval by token hash, read consistently, or undefined: as stored, also past its keep, for the
 * expiry and the sweep, which close it whatever its keep (keptApproval is what approvers are served).
 */
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
 * Whether an approval read is past its keep (its TTL attribute: keptOpenUntil while open, keptClosedUntil
 * once closed): gone to approvers, as it will be once DynamoDB deletes it (pastTtl, every table's rule).
 * Not one still open that was stored before `deadlineEpoch`: its TTL attribute is its deadline, not a keep,
 * and the close the sweep gives it keeps it 400 days; until then its link answers 410 as past its hour.
 * (Neither list reads such a one: the open index was made after, and closed ones are not PENDING.)
 */
export function pastKeep(approval: Approval, now: Date): boolean {
  if (approval.status === "PENDING" && approval.deadlineEpoch === undefined) return false;
  return pastTtl(approval as unknown as Record<string, unknown>, SPEC.ttlAttribute, now);
}

/**
 * One approval as approvers are served it: getApproval's, or undefined when there is none or it is past
 * its keep at `now` (pastKeep), so its token answers as one deleted does, not as one still kept.
 *
 * @example
 * const approval = await keptApproval(sha256Hex(token), new Date()); // undefined: 404
 */
export async function keptApproval(tokenHash: string, now: Date): Promise<Approval | undefined> {
  const approval = await getApproval(tokenHash);
  return approval && !pastKeep(approval, now) ? approval : undefined;
}

/**
 * The stored approvals among `tokenHashes`, by token hash, read consistently in one batch call per 100: the
 * sweep's candidates' approvals together, not one GetItem each.
 *
 * @example
 * const approvals = await getApprovals([alert.approvalTokenHash]); // Map { "3f2a…" => Approval }
 */
export async function getApprovals(tokenHashes: readonly string[]): Promise<Map<string, Approval>> {
  const keys = [...new Set(tokenHashes)].map((tokenHash) => ({ [SPEC.partitionKey]: tokenHash }));
  const items = await getMany(linked("ApprovalTracking", "name"), keys);
  return new Map(items.map((item) => [item[SPEC.partitionKey] as string, item as unknown as Approval]));
}

/**
 * An approval's deadline in a condition or filter, epoch seconds, as `#deadline`: its `deadlineEpoch`, or on
 * one stored before that was, its `expiresAtEpoch` (`#kept`), the deadline until a close rewrites it.
 */
const TOKEN_HASH = z.string().regex(/^[0-9a-f]{64}$/);
const DEADLINE_NAMES = { "#deadline": "deadlineEpoch" satisfies keyof Approval, "#kept": SPEC.ttlAttribute };
const deadlineIs = (op: ">" | "<", value: string) =>
  `(#deadline ${op} ${value} OR (attribute_not_exists(#deadline) AND #kept ${op} ${value}))`;

/**
 * A close's writes: kept for the audit from `now` (keptClosedUntil: the TTL attribute rewritten, later than
 * the open approval's), the deadline first kept in `deadlineEpoch` where it was only in the TTL attribute
 * (every operand is read from the item before the update:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/example_dynamodb_Scenario_UpdateExpressionOrder_section.html),
 * and out of the open index (`remove`, the expression's last clause; removing an absent attribute is no error).
 */
function keepClosed(now: Date) {
  return {
    set: "#deadline = if_not_exists(#deadline, #kept), #kept = :keptUntil",
    remove: "REMOVE #open",
    names: { ...DEADLINE_NAMES, "#open": OPEN_KEY },
    values: { ":keptUntil": keptClosedUntil(now) },
  };
}

/**
 * Whether an open approval is in the openByDeadline index: false for one stored before it was, which only
 * its alert leads to (the sweep's healAlert expires those).
 */
export function inOpenIndex(approval: Approval): boolean {
  return approval[OPEN_KEY] !== undefined;
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
    UpdateExpression: `SET #status = :status, decidedBy = :by, decidedAt = :at, #comment = :comment, ${keep.set} ${keep.remove}`,
    ConditionExpression: `#status = :pending AND ${deadlineIs(">", ":now")}`,
    ExpressionAttributeNames: { "#status": "status", "#comment": "comment", ...keep.names },
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
    UpdateExpression: `SET #status = :to, closedAt = :at, ${keep.set} ${keep.remove}`,
    ConditionExpression: "#status = :pending",
    ExpressionAttributeNames: { "#status": "status", ...keep.names },
    ExpressionAttributeValues: { ...keep.values, ":to": to, ":pending": "PENDING", ":at": now.toISOString() },
  });
  return made !== undefined;
}

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
  await updateIf({
    TableName: linked("ApprovalTracking", "name"),
    Key: { [SPEC.partitionKey]: tokenHash },
    UpdateExpression: "REMOVE #claim",
    ConditionExpression: "#claim = :at",
    ExpressionAttributeNames: { "#claim": "expiryClaimedAt" satisfies keyof Approval },
    ExpressionAttributeValues: { ":at": at },
  });
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
      IndexName: "byAlert" satisfies typeof BY_ALERT.name,
      KeyConditionExpression: "#alert = :alert",
      ExpressionAttributeNames: { "#alert": BY_ALERT.partitionKey },
      ExpressionAttributeValues: { ":alert": alertId },
    }),
  );
  return (Items ?? []) as Approval[];
}

/**
 * Approval requests in one status. PENDING ones are read from the open index, soonest deadline first, so
 * a page holds `limit` of them whatever the number of closed ones (the index is eventually consistent: one
 * decided a moment ago may still be listed, its decision then answers 409). An open one stored before the
 * index is not listed; it can still be decided on its link, and is past its hour within one of the index's
 * deploy. Closed ones are a filtered scan over the table (open requests and closed ones within their audit
 * retention, APPROVAL_AUDIT_RETENTION_SECONDS; TTL prunes the rest): an approver looks them up rarely, and
 * an index of them would hold nearly the whole table. Either leaves out an approval past its keep at `now`
 * that DynamoDB has not deleted yet (pastKeep; filtered after the read, so a page may hold fewer).
 */
export async function listApprovals(
  status: ApprovalStatus,
  limit: number,
  cursor?: string,
  now = new Date(),
): Promise<Page<Approval>> {
  const kept = keptFilter(SPEC.ttlAttribute, now);
  if (status === "PENDING") {
    return readPage<Approval>(
      "query",
      {
        TableName: linked("ApprovalTracking", "name"),
        IndexName: "openByDeadline" satisfies typeof OPEN.name,
        KeyConditionExpression: "#open = :open",
        FilterExpression: kept.expression,
        ExpressionAttributeNames: { "#open": OPEN_KEY, ...kept.names },
        ExpressionAttributeValues: { ":open": OPEN_FEED, ...kept.values },
      },
      limit,
      cursorShape({
        [SPEC.partitionKey]: TOKEN_HASH,
        [OPEN_KEY]: z.literal(OPEN_FEED),
        [OPEN_DEADLINE]: z.number().int(),
      }),
      cursor,
    );
  }
  return readPage<Approval>(
    "scan",
    {
      TableName: linked("ApprovalTracking", "name"),
      FilterExpression: `#status = :status AND ${kept.expression}`,
      ExpressionAttributeNames: { "#status": "status", ...kept.names },
      ExpressionAttributeValues: { ":status": status, ...kept.values },
    },
    limit,
    cursorShape({ [SPEC.partitionKey]: TOKEN_HASH }),
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

/**
 * PENDING approvals whose deadline (epoch seconds) is before `epoch`: the sweep's to expire. Reads every
 * page of the open index, so only open approvals past their deadline are read, not the table. The index is
 * eventually consistent: an approval decided a moment ago may still be in it, so each is read again
 * consistently and expired only under the condition that it is still PENDING (watchApproval, closeApproval).
 * Open approvals stored before the index are not in it: their alerts lead the sweep to them.
 */
export async function pendingApprovalsExpiredBefore(epoch: number): Promise<Approval[]> {
  return queryAll<Approval>({
    TableName: linked("ApprovalTracking", "name"),
    IndexName: "openByDeadline" satisfies typeof OPEN.name,
    KeyConditionExpression: "#open = :open AND #deadline < :epoch",
    ExpressionAttributeNames: { "#open": OPEN_KEY, "#deadline": OPEN_DEADLINE },
    ExpressionAttributeValues: { ":open": OPEN_FEED, ":epoch": epoch },
  });
}

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
