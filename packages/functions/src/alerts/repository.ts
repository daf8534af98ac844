// The Alerts table: each alert once under its deterministic id, its status moved by conditional writes.

import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ALERT_MOVES, type AlertMove } from "@stock-patterns/core";
import { shardedFeed } from "@stock-patterns/core/catalog";
import { dynamo } from "#aws";
import { linked } from "#config";
import { type BatchRead, batchRead, putIf, readTogether, updateIf } from "#repositories";
import type { Alert, AlertStatus } from "./alert";
import { expired, FEED, INDEX, SPEC, strip, UNFINISHED, UNFINISHED_FEED } from "./alert-table";

/**
 * Stores an alert unless one with its id exists; returns whether it was new. It goes into the feed of
 * every alert and the unfinished index, where the sweep finds it until it is seen finished or caught up,
 * each under its id's shard.
 */
export async function putAlertIfNew(alert: Alert): Promise<boolean> {
  return putIf({
    TableName: linked("Alerts", "name"),
    Item: {
      ...alert,
      [INDEX.partitionKey]: shardedFeed(FEED, alert.alertId),
      [UNFINISHED.partitionKey]: shardedFeed(UNFINISHED_FEED, alert.alertId),
    },
    ConditionExpression: "attribute_not_exists(#id)",
    ExpressionAttributeNames: { "#id": SPEC.partitionKey },
  });
}

/** One alert by id, or undefined (also when its retention has passed: RECORD_RETENTION_DAYS). */
export async function getAlert(alertId: string): Promise<Alert | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: linked("Alerts", "name"),
      Key: { [SPEC.partitionKey]: alertId },
      ConsistentRead: true,
    }),
  );
  return Item && !expired(Item, new Date()) ? strip(Item) : undefined;
}

/**
 * The batch read of the alerts among `alertIds`, answered by id (null where none is stored, or its
 * retention has passed), for readTogether: a stream batch reads them in one call with the detections it
 * looks for.
 *
 * @example
 * const [alerts] = await readTogether(alertsRead(["alr_…"])); // Map { "alr_…" => Alert | null }
 */
export function alertsRead(alertIds: readonly string[]): BatchRead<KnownAlerts> {
  const unique = [...new Set(alertIds)];
  const keys = unique.map((alertId) => ({ [SPEC.partitionKey]: alertId }));
  return batchRead(linked("Alerts", "name"), keys, (items): KnownAlerts => {
    const now = new Date();
    const kept = items.filter((item) => !expired(item, now));
    const stored = new Map(kept.map((item) => [item[SPEC.partitionKey] as string, strip(item)]));
    return new Map(unique.map((id) => [id, stored.get(id) ?? null]));
  });
}

/** The stored alerts among `alertIds`, by id, in one strongly consistent batch read per 100. */
export async function getAlerts(alertIds: readonly string[]): Promise<Map<string, Alert>> {
  const [read] = await readTogether(alertsRead(alertIds));
  return new Map([...read].flatMap(([id, alert]) => (alert ? [[id, alert] as const] : [])));
}

/** Alerts read earlier, by id: null where the read found none. */
export type KnownAlerts = ReadonlyMap<string, Alert | null>;

/**
 * The alerts among `alertIds` (null where none is stored): those in `known` as read then, the rest read
 * now in one batch call per 100 (none when `known` has them all).
 *
 * @example
 * // known: the alerts already read for the batch
 * const alerts = await alertsAmong(["alr_…"], known); // Map { "alr_…" => Alert | null }
 */
export async function alertsAmong(
  alertIds: readonly string[],
  known: KnownAlerts = new Map(),
): Promise<Map<string, Alert | null>> {
  const read = await getAlerts(alertIds.filter((id) => !known.has(id)));
  return new Map(alertIds.map((id) => [id, known.get(id) ?? read.get(id) ?? null]));
}

/**
 * Gives a stored alert the evidence it was raised without (POST /patterns raised alerts with none before it
 * stored its own; the stream, meeting the same detection, has its evidence as of detectedAt), only where it
 * has none: the first evidence stays. Answers whether it was set.
 *
 * @example
 * await addAlertEvidence("alr_…", detection.evidence) // true: the alert had none
 */
export async function addAlertEvidence(
  alertId: string,
  evidence: NonNullable<Alert["evidence"]>,
): Promise<boolean> {
  const made = await updateIf({
    TableName: linked("Alerts", "name"),
    Key: { [SPEC.partitionKey]: alertId },
    UpdateExpression: "SET #evidence = :evidence",
    ConditionExpression: "attribute_exists(#id) AND attribute_not_exists(#evidence)",
    ExpressionAttributeNames: { "#id": SPEC.partitionKey, "#evidence": "evidence" },
    ExpressionAttributeValues: { ":evidence": evidence },
  });
  return made !== undefined;
}

/** Extra conditions of `moveAlert`. */
export interface MoveGuard {
  /** The alert's live approval token hash must be this one. */
  tokenHash?: string;
  /** The alert must be unclaimed, or claimed (`claimedAt`) before this ISO time: a stale claim. */
  claimStaleBefore?: string;
}

/**
 * Makes one move of core's lifecycle table (setting `fields` too), only if the alert is in one of the
 * move's `from` statuses and meets `guard`. Returns false when the condition did not hold.
 *
 * @example
 * await moveAlert(alertId, "publish", { publishedAt: now.toISOString() })
 */
export async function moveAlert(
  alertId: string,
  move: AlertMove,
  fields: Partial<Alert> = {},
  guard: MoveGuard = {},
): Promise<boolean> {
  return (await updateIf(moveInput(alertId, move, fields, guard))) !== undefined;
}

/**
 * Makes a move as moveAlert does and answers the alert as the move left it (one call: no read after),
 * or undefined when the condition did not hold (the alert may be absent).
 *
 * @example
 * const claimed = await moveAlertAndRead(alertId, "claim", { claimedAt }, { claimStaleBefore });
 */
export async function moveAlertAndRead(
  alertId: string,
  move: AlertMove,
  fields: Partial<Alert> = {},
  guard: MoveGuard = {},
): Promise<Alert | undefined> {
  const made = await updateIf({ ...moveInput(alertId, move, fields, guard), ReturnValues: "ALL_NEW" });
  return made?.Attributes ? strip(made.Attributes) : undefined;
}

/** The condition that `tokenHash` is the alert's live approval token hash; adds its name and value. */
function liveToken(
  tokenHash: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string {
  names["#token"] = "approvalTokenHash";
  values[":token"] = tokenHash;
  return "#token = :token";
}

/** The conditional UpdateItem of one move (see moveAlert). */
function moveInput(alertId: string, move: AlertMove, fields: Partial<Alert>, guard: MoveGuard) {
  const { from, to } = ALERT_MOVES[move];
  const names: Record<string, string> = { "#status": "status" };
  const values: Record<string, unknown> = { ":to": to };
  const sets = ["#status = :to"];
  for (const [index, [name, value]] of Object.entries(fields).entries()) {
    names[`#f${index}`] = name;
    values[`:f${index}`] = value;
    sets.push(`#f${index} = :f${index}`);
  }
  const allowed = from.map((status, index) => {
    values[`:from${index}`] = status;
    return `:from${index}`;
  });
  const conditions = [`#status IN (${allowed.join(", ")})`];
  if (guard.tokenHash !== undefined) conditions.push(liveToken(guard.tokenHash, names, values));
  if (guard.claimStaleBefore !== undefined) {
    names["#claimed"] = "claimedAt";
    values[":stale"] = guard.claimStaleBefore;
    conditions.push("(attribute_not_exists(#claimed) OR #claimed < :stale)");
  }
  return {
    TableName: linked("Alerts", "name"),
    Key: { [SPEC.partitionKey]: alertId },
    UpdateExpression: `SET ${sets.join(", ")}`,
    ConditionExpression: conditions.join(" AND "),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** The markers set once: queued, notified, each lifecycle message sent (once SNS took it), caught up. */
export type OnceField = "enqueuedAt" | "notifiedAt" | "breakoutSentAt" | "resolvedSentAt" | "caughtUpAt";

/**
 * Sets `field` (a once-only marker: OnceField) on an alert only where it is still absent and,
 * given `tokenHash`, only while that is the alert's live approval token hash. Returns false when it was
 * already set (or the token was reissued). `caughtUpAt`, set on a published alert once its catch-up is
 * done, finishes it (mayBeStranded), so the same write takes it out of the unfinished index. `expiry`: the
 * TTL of an alert this mark finishes for good (expiryOnFinish: its resolution told), set with it.
 * `finishesCatchUp`: the mark of the last event an alert's catch-up tells sets `caughtUpAt` too (unless
 * it is set), in the same write, where a second write followed it.
 */
export async function markAlertOnce(
  alertId: string,
  field: OnceField,
  at: string,
  tokenHash?: string,
  expiry: Pick<Alert, "expiresAtEpoch"> = {},
  finishesCatchUp = false,
): Promise<boolean> {
  const names: Record<string, string> = { "#field": field, "#id": SPEC.partitionKey };
  const values: Record<string, unknown> = { ":at": at };
  const sets = ["#field = :at"];
  let condition = "attribute_exists(#id) AND attribute_not_exists(#field)";
  if (tokenHash !== undefined) condition += ` AND ${liveToken(tokenHash, names, values)}`;
  const removesUnfinished = field === "caughtUpAt" || finishesCatchUp;
  if (removesUnfinished) names["#unfinished"] = UNFINISHED.partitionKey;
  if (finishesCatchUp && field !== "caughtUpAt") {
    names["#caughtUp"] = "caughtUpAt";
    sets.push("#caughtUp = if_not_exists(#caughtUp, :at)");
  }
  if (expiry.expiresAtEpoch !== undefined) {
    names["#expires"] = SPEC.ttlAttribute;
    values[":expires"] = expiry.expiresAtEpoch;
    sets.push("#expires = :expires");
  }
  const made = await updateIf({
    TableName: linked("Alerts", "name"),
    Key: { [SPEC.partitionKey]: alertId },
    UpdateExpression: `SET ${sets.join(", ")}${removesUnfinished ? " REMOVE #unfinished" : ""}`,
    ConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
  return made !== undefined;
}

/**
 * Gives back a once-only marker set at `at` (its work failed, so another try may set it again). Not the
 * marks that finish an alert: one the sweep has seen finished is out of its index for good.
 */
export async function unmarkAlert(
  alertId: string,
  field: Exclude<OnceField, "caughtUpAt" | "resolvedSentAt">,
  at: string,
): Promise<void> {
  await updateIf({
    TableName: linked("Alerts", "name"),
    Key: { [SPEC.partitionKey]: alertId },
    UpdateExpression: "REMOVE #field",
    ConditionExpression: "#field = :at",
    ExpressionAttributeNames: { "#field": field },
    ExpressionAttributeValues: { ":at": at },
  });
}

/**
 * Takes a finished alert (one mayBeStranded says no to) out of the unfinished index, so the sweep reads it no
 * more; only while it is still in `status`, the status it was read finished in (and never leaves).
 *
 * @example
 * await leaveUnfinished("alr_…", "REJECTED") // true
 */
export async function leaveUnfinished(alertId: string, status: AlertStatus): Promise<boolean> {
  const made = await updateIf({
    TableName: linked("Alerts", "name"),
    Key: { [SPEC.partitionKey]: alertId },
    UpdateExpression: "REMOVE #unfinished",
    ConditionExpression: "#status = :status",
    ExpressionAttributeNames: { "#unfinished": UNFINISHED.partitionKey, "#status": "status" },
    ExpressionAttributeValues: { ":status": status },
  });
  return made !== undefined;
}

/**
 * Marks an alert as re-driven by the sweep, once per grace period: only if it is still in `status`,
 * was not re-driven since `redrivenBefore`, and holds no live claim (`claimStaleBefore`). Returns
 * whether this sweep won the mark (and so must send it).
 */
export async function markRedriven(
  alertId: string,
  status: AlertStatus,
  at: string,
  redrivenBefore: string,
  claimStaleBefore: string,
): Promise<boolean> {
  const made = await updateIf({
    TableName: linked("Alerts", "name"),
    Key: { [SPEC.partitionKey]: alertId },
    UpdateExpression: "SET #redriven = :at",
    ConditionExpression:
      "#status = :status AND (attribute_not_exists(#redriven) OR #redriven < :before)" +
      " AND (attribute_not_exists(#claimed) OR #claimed < :stale)",
    ExpressionAttributeNames: { "#status": "status", "#redriven": "redrivenAt", "#claimed": "claimedAt" },
    ExpressionAttributeValues: {
      ":status": status,
      ":at": at,
      ":before": redrivenBefore,
      ":stale": claimStaleBefore,
    },
  });
  return made !== undefined;
}

/**
 * Releases the routing claim taken at `claimedAt` (only that one: a newer claim is left alone), for a
 * caller that knows its holder has stopped: the local system starting on fresh queues, whose claims from
 * an earlier run have no process left to finish them. Returns whether it was released.
 *
 * @example
 * await releaseClaim(alert.alertId, alert.claimedAt) // true
 */
export async function releaseClaim(alertId: string, claimedAt: string): Promise<boolean> {
  const made = await updateIf({
    TableName: linked("Alerts", "name"),
    Key: { [SPEC.partitionKey]: alertId },
    UpdateExpression: "REMOVE #claimed",
    ConditionExpression: "#claimed = :claimed",
    ExpressionAttributeNames: { "#claimed": "claimedAt" },
    ExpressionAttributeValues: { ":claimed": claimedAt },
  });
  return made !== undefined;
}

/**
 * Points an alert that names detection `from` at detection `to` (the same detection under the id kept);
 * false when the alert no longer names `from`.
 *
 * @example
 * await repointAlert("alr_…", "pat_3f2a…", "pat_e03c…") // true
 */
export async function repointAlert(alertId: string, from: string, to: string): Promise<boolean> {
  const written = await updateIf({
    TableName: linked("Alerts", "name"),
    Key: { [SPEC.partitionKey]: alertId },
    UpdateExpression: "SET #pattern = :to",
    ConditionExpression: "#pattern = :from",
    ExpressionAttributeNames: { "#pattern": "patternId" },
    ExpressionAttributeValues: { ":from": from, ":to": to },
  });
  return written !== undefined;
}

/**
 * Moves a finished alert's expiry on to `expiresAtEpoch` (expiryOnRaiseAgain), only forward and only while
 * it has one: an alert kept for good stays so.
 *
 * @example
 * await keepAlertUntil("alr_…", 1_790_000_000) // true
 */
export async function keepAlertUntil(alertId: string, expiresAtEpoch: number): Promise<boolean> {
  const kept = await updateIf({
    TableName: linked("Alerts", "name"),
    Key: { [SPEC.partitionKey]: alertId },
    UpdateExpression: "SET #expires = :until",
    ConditionExpression: "#expires < :until",
    ExpressionAttributeNames: { "#expires": SPEC.ttlAttribute },
    ExpressionAttributeValues: { ":until": expiresAtEpoch },
  });
  return kept !== undefined;
}
