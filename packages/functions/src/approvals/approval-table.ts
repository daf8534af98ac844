// ApprovalTracking's shape: its key and indexes, the open index's feed, the deadline and keep as a write
// or filter names them, and when an approval read is past its keep.

import { TABLES } from "@stock-patterns/core/catalog";
import * as z from "zod";
import { cursorShape, epochSecondsKey, pastTtl } from "#repositories";
import { type Approval, keptClosedUntil } from "./approval";

export const SPEC = TABLES.ApprovalTracking;
type ApprovalIndex = (typeof SPEC.indexes)[number];
/** One of the table's catalog indexes, by name. */
const indexNamed = <N extends ApprovalIndex["name"]>(name: N) =>
  SPEC.indexes.find((index) => index.name === name) as Extract<ApprovalIndex, { name: N }>;
// A read names its index literally (`"byAlert" satisfies …`, checked against the catalog by the compiler):
// the least-privilege check (scripts/synth/resource-calls.ts) reads the name from the bundle's call.
export const BY_ALERT = indexNamed("byAlert");
/**
 * Open approvals by deadline. Sparse: every PENDING approval carries `openFeed` (one feed, so one Query
 * reads them all in deadline order) from its request until its close removes it, and DynamoDB indexes only
 * items that have both key attributes; closed approvals, kept 400 days, are never read through it.
 */
export const OPEN = indexNamed("openByDeadline");
/** The one value of `openFeed` every open approval carries: the sparse index's one partition (docs/capacity.md). */
export const OPEN_FEED = "open";
export const OPEN_KEY: keyof Approval = OPEN.partitionKey;
export const OPEN_DEADLINE: keyof Approval = OPEN.sortKey;

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

/** A token hash as a cursor carries it: the SHA-256 of a token, lower-case hex, as the key is written. */
const TOKEN_HASH = z.string({ error: "is not text" }).regex(/^[0-9a-f]{64}$/, "is not an approval's id");

/**
 * The cursors of the three listings of approvals, each an entry's key as its index holds it: of one alert's
 * (byAlert, under that alert's id), of the open ones (openByDeadline: the one feed, a deadline in epoch
 * seconds) and of a status's (a scan of the table: the key alone).
 *
 * @example
 * decodeCursor(cursor, APPROVAL_CURSORS.open) // { tokenHash: "…", openFeed: "open", deadlineEpoch: 1765000000 }
 */
export const APPROVAL_CURSORS = {
  ofAlert: (alertId: string) =>
    cursorShape({
      [SPEC.partitionKey]: TOKEN_HASH,
      [BY_ALERT.partitionKey]: z.literal(alertId, { error: "is not the alert of this listing" }),
    }),
  open: cursorShape({
    [SPEC.partitionKey]: TOKEN_HASH,
    [OPEN_KEY]: z.literal(OPEN_FEED, { error: "is not the open index's feed" }),
    [OPEN_DEADLINE]: epochSecondsKey,
  }),
  scan: cursorShape({ [SPEC.partitionKey]: TOKEN_HASH }),
};
/**
 * An approval's deadline in a condition or filter, epoch seconds, as `#deadline`: its `deadlineEpoch`, or on
 * one stored before that was, its `expiresAtEpoch` (`#kept`), the deadline until a close rewrites it.
 */
export const DEADLINE_NAMES = {
  "#deadline": "deadlineEpoch" satisfies keyof Approval,
  "#kept": SPEC.ttlAttribute,
};
export const deadlineIs = (op: ">" | "<", value: string) =>
  `(#deadline ${op} ${value} OR (attribute_not_exists(#deadline) AND #kept ${op} ${value}))`;

/**
 * A close's writes: kept for the audit from `now` (keptClosedUntil: the TTL attribute rewritten, later than
 * the open approval's), the deadline first kept in `deadlineEpoch` where it was only in the TTL attribute
 * (every operand is read from the item before the update:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/example_dynamodb_Scenario_UpdateExpressionOrder_section.html),
 * and out of the open index (`remove`, the expression's last clause; removing an absent attribute is no error).
 */
export function keepClosed(now: Date) {
  return {
    set: "#deadline = if_not_exists(#deadline, #kept), #kept = :keptUntil",
    remove: "REMOVE #open",
    names: { ...DEADLINE_NAMES, "#open": OPEN_KEY },
    values: { ":keptUntil": keptClosedUntil(now) },
  };
}

/**
 * Whether an open approval is in the openByDeadline index, as its item says: false for one stored before it
 * was, which only its alert leads to (the sweep's healAlert expires those). True may be wrong after a kill
 * inside its close on dynalite (the index entry removed, the item not yet written): the sweep checks it
 * against its Query.
 */
export function inOpenIndex(approval: Approval): boolean {
  return approval[OPEN_KEY] !== undefined;
}
