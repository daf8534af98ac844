// The ApprovalTracking table: approval requests keyed by token hash; each decision is one conditional write.
// Its shape: approval-table.ts; the claims on an approval: claims.ts; the repair's writes: audit-keep.ts.

import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#aws";
import { linked } from "#config";
import {
  type CursorShape,
  decodeCursor,
  getMany,
  keptFilter,
  type Page,
  putIf,
  queryPages,
  readPage,
  updateIf,
} from "#repositories";
import type { Approval, ApprovalStatus } from "./approval";
import {
  APPROVAL_CURSORS,
  BY_ALERT,
  DEADLINE_NAMES,
  deadlineIs,
  keepClosed,
  type OPEN,
  OPEN_DEADLINE,
  OPEN_FEED,
  OPEN_KEY,
  pastKeep,
  SPEC,
} from "./approval-table";

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

/** Which page of a status's approvals listApprovals reads, and of what. */
export interface ApprovalListing {
  /** Where the page starts: the cursor of the page before. */
  cursor?: string;
  /** Of this alert only. */
  alertId?: string;
  /** What is past its keep is left out as of this time. */
  now?: Date;
  /** Only PENDING ones that can still be decided at `now`: not past their deadline, not yet closed. */
  decidable?: boolean;
}

/**
 * Approval requests in one status, of one alert when `alertId` is given: those are read from the index of
 * each alert's approvals (normally one; a reissue adds one), so a pending alert's page finds its approval
 * without reading every open one. Otherwise PENDING ones are read from the open index, soonest deadline first, so
 * a page holds `limit` of them whatever the number of closed ones (the index is eventually consistent: one
 * decided a moment ago may still be listed, its decision then answers 409). An open one stored before the
 * index is not listed; it can still be decided on its link, and is past its hour within one of the index's
 * deploy. Closed ones are a filtered scan over the table (open requests and closed ones within their audit
 * retention, APPROVAL_AUDIT_RETENTION_SECONDS; TTL prunes the rest): an approver looks them up rarely, and
 * an index of them would hold nearly the whole table. Either leaves out an approval past its keep at `now`
 * that DynamoDB has not deleted yet (pastKeep; filtered after the read, so a page may hold fewer).
 * `decidable` leaves out PENDING ones past their deadline at `now` that nothing has closed yet: from the
 * open index by its key condition (deadline after now), so they are not read and a page holds `limit` that
 * can still be decided even with thousands overdue at its head; of one alert, by a filter.
 *
 * @example
 * const { items, cursor } = await listApprovals("PENDING", 100, { alertId }); // its open approval, if any
 * await listApprovals("PENDING", 100, { decidable: true }); // the 100 decidable soonest, none overdue
 */
export async function listApprovals(
  status: ApprovalStatus,
  limit: number,
  { cursor, alertId, now = new Date(), decidable = false }: ApprovalListing = {},
): Promise<Page<Approval>> {
  const kept = keptFilter(SPEC.ttlAttribute, now);
  const nowEpoch = Math.floor(now.getTime() / 1000);
  if (alertId !== undefined) {
    const open = decidable ? ` AND ${deadlineIs(">", ":now")}` : "";
    return readPage<Approval>(
      "query",
      {
        TableName: linked("ApprovalTracking", "name"),
        IndexName: "byAlert" satisfies typeof BY_ALERT.name,
        KeyConditionExpression: "#alert = :alert",
        FilterExpression: `#status = :status AND ${kept.expression}${open}`,
        ExpressionAttributeNames: {
          "#alert": BY_ALERT.partitionKey,
          "#status": "status",
          ...kept.names,
          ...(decidable ? DEADLINE_NAMES : {}),
        },
        ExpressionAttributeValues: {
          ":alert": alertId,
          ":status": status,
          ...kept.values,
          ...(decidable ? { ":now": nowEpoch } : {}),
        },
      },
      limit,
      APPROVAL_CURSORS.ofAlert(alertId),
      cursor,
    );
  }
  if (status === "PENDING") {
    const shape = APPROVAL_CURSORS.open;
    return readPage<Approval>(
      "query",
      {
        TableName: linked("ApprovalTracking", "name"),
        IndexName: "openByDeadline" satisfies typeof OPEN.name,
        KeyConditionExpression: decidable ? "#open = :open AND #deadline > :now" : "#open = :open",
        FilterExpression: kept.expression,
        ExpressionAttributeNames: {
          "#open": OPEN_KEY,
          ...kept.names,
          ...(decidable ? { "#deadline": OPEN_DEADLINE } : {}),
        },
        ExpressionAttributeValues: {
          ":open": OPEN_FEED,
          ...kept.values,
          ...(decidable ? { ":now": nowEpoch } : {}),
        },
      },
      limit,
      shape,
      decidable ? decidableFrom(cursor, shape, nowEpoch) : cursor,
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
    APPROVAL_CURSORS.scan,
    cursor,
  );
}

/**
 * Where a page of the decidable ones starts: after `cursor`, unless the approval it ends on has passed its
 * deadline since (DynamoDB refuses a start key outside the key condition, deadline after `nowEpoch`); then
 * every one still decidable comes after it in the index, so the page starts at the first of them.
 */
function decidableFrom(cursor: string | undefined, shape: CursorShape, nowEpoch: number) {
  if (cursor === undefined) return undefined;
  return (decodeCursor(cursor, shape)[OPEN_DEADLINE] as number) > nowEpoch ? cursor : undefined;
}

/**
 * Due approvals a page of the open index holds: the sweep expires a page before it reads the next. An
 * expiry is 5 calls one after another (its read, claim, notice, close, the alert's move), 8 expiries at
 * once, so a page's expiries take about 65 round trips in a row and its Query one more; a page is about
 * 55 KB as the index stores it (549 bytes an entry, docs/capacity.md), where every due one was held before.
 */
export const DUE_APPROVALS_A_PAGE = 100;

/**
 * PENDING approvals whose deadline (epoch seconds) is before `epoch`, soonest first: the sweep's to expire.
 * Reads the open index a page at a time (DUE_APPROVALS_A_PAGE), each page once the one before has been
 * taken, so only open approvals past their deadline are read, not the table, and a page of them is held.
 * The index is eventually consistent: an approval decided a moment ago may still be in it, so each is read
 * again consistently and expired only under the condition that it is still PENDING (watchApproval,
 * closeApproval). Open approvals stored before the index are not in it: their alerts lead the sweep to them.
 *
 * @example
 * for await (const due of pendingApprovalsExpiredBefore(graceAgoEpoch)) await expireAll(due);
 */
export function pendingApprovalsExpiredBefore(epoch: number): AsyncGenerator<Approval[]> {
  return queryPages<Approval>({
    TableName: linked("ApprovalTracking", "name"),
    IndexName: "openByDeadline" satisfies typeof OPEN.name,
    KeyConditionExpression: "#open = :open AND #deadline < :epoch",
    ExpressionAttributeNames: { "#open": OPEN_KEY, "#deadline": OPEN_DEADLINE },
    ExpressionAttributeValues: { ":open": OPEN_FEED, ":epoch": epoch },
    Limit: DUE_APPROVALS_A_PAGE,
  });
}
