// The DynamoDB tables: keys, indexes, TTL attributes, and how long evidence snapshots are kept.

import { DAY } from "./units";

/** A DynamoDB table: keys, secondary indexes and TTL attribute. All tables are on-demand. */
export interface TableSpec {
  partitionKey: string;
  sortKey?: string;
  /** Attributes used by keys, with their DynamoDB scalar type. */
  attributes: Record<string, "S" | "N">;
  /** Global secondary indexes. */
  indexes?: IndexSpec[];
  ttlAttribute?: string;
}

/**
 * A global secondary index: its keys, and what an entry holds besides the table's and its own keys: every
 * attribute (neither `keysOnly` nor `include`), none (`keysOnly`), or the `include` list. An update that
 * changes none of the index's keys or projected attributes writes nothing to it.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html (Attribute projections)
 */
export type IndexSpec = { name: string; partitionKey: string; sortKey?: string } & (
  | { keysOnly?: boolean; include?: never }
  | { include: readonly string[]; keysOnly?: never }
);

/**
 * An index's projection in DynamoDB's terms (CreateTable's Projection).
 *
 * @example
 * projectionOf({ name: "bySymbol", partitionKey: "symbol", include: ["status"] })
 * // { type: "INCLUDE", nonKeyAttributes: ["status"] }
 */
export function projectionOf(index: IndexSpec): {
  type: "ALL" | "KEYS_ONLY" | "INCLUDE";
  nonKeyAttributes?: readonly string[];
} {
  if (index.include) return { type: "INCLUDE", nonKeyAttributes: index.include };
  return { type: index.keysOnly ? "KEYS_ONLY" : "ALL" };
}

export const TABLES = {
  /** Every stored detection. `patternId` is deterministic (symbol, interval, code, end, detectedAt). */
  TradingPatterns: {
    partitionKey: "patternId",
    sortKey: "timestamp",
    attributes: { patternId: "S", timestamp: "S", symbol: "S" },
    indexes: [{ name: "bySymbol", partitionKey: "symbol", sortKey: "timestamp" }],
    /** Written only when a stage keeps detections for RECORD_RETENTION, once the outcome is settled. */
    ttlAttribute: "expiresAtEpoch",
  },
  /**
   * Alerts raised from detections and thresholds; `alertId` is deterministic. `unfinishedByCreatedAt` is
   * sparse and keys only: an alert carries `unfinishedFeed` from its put until the sweep has seen it
   * finished, so the 5-minute sweep reads the alerts it may have to heal, not the day of alerts behind it
   * (docs/capacity.md). `bySymbol` holds every alert under its symbol, so `GET /alerts?symbol=` reads that
   * symbol's alerts, not the feed of every symbol; it projects only what that listing filters on (status,
   * severity), so most of an alert's updates write nothing to it, and the page's alerts are then read from
   * the table. Both feeds are written under ALERT_FEED_SHARDS key values each (alert-feeds.ts).
   */
  Alerts: {
    partitionKey: "alertId",
    attributes: { alertId: "S", feed: "S", createdAt: "S", unfinishedFeed: "S", symbol: "S" },
    indexes: [
      { name: "byCreatedAt", partitionKey: "feed", sortKey: "createdAt" },
      { name: "unfinishedByCreatedAt", partitionKey: "unfinishedFeed", sortKey: "createdAt", keysOnly: true },
      { name: "bySymbol", partitionKey: "symbol", sortKey: "createdAt", include: ["status", "severity"] },
    ],
    /** Written only when a stage keeps records for RECORD_RETENTION, by the write that finishes an alert. */
    ttlAttribute: "expiresAtEpoch",
  },
  /**
   * CRITICAL alerts waiting for a human; keyed by the SHA-256 of the approval token. `openByDeadline` is
   * sparse: only an open (PENDING) approval carries `openFeed`, removed at its close, so the sweep and the
   * PENDING list read open approvals by deadline, not the 400 days of closed ones (docs/capacity.md).
   */
  ApprovalTracking: {
    partitionKey: "tokenHash",
    attributes: { tokenHash: "S", alertId: "S", openFeed: "S", deadlineEpoch: "N" },
    indexes: [
      { name: "byAlert", partitionKey: "alertId" },
      { name: "openByDeadline", partitionKey: "openFeed", sortKey: "deadlineEpoch" },
    ],
    ttlAttribute: "expiresAtEpoch",
  },
  /** Each symbol's rolling window of recent bars, with an optimistic version. */
  SymbolWindows: {
    partitionKey: "symbolInterval",
    attributes: { symbolInterval: "S" },
  },
  /**
   * The stream's running evidence tally of a series at a batch's last bar (`series` = seriesKey, `asOf` =
   * that bar's ISO UTC time), so GET /stats can answer as of a past time; and, under `series` =
   * `*#<interval>`, the tally pooled over every series of an interval, written on the 5-minute schedule
   * (`asOf` = when it was pooled), and under `@#<interval>` the symbols it pooled. Every item expires
   * (EVIDENCE_RETENTION).
   */
  EvidenceSnapshots: {
    partitionKey: "series",
    sortKey: "asOf",
    attributes: { series: "S", asOf: "S" },
    ttlAttribute: "expiresAtEpoch",
  },
} as const satisfies Record<string, TableSpec>;

/**
 * How long EvidenceSnapshots items are kept after they are written, through the table's TTL attribute
 * (epoch seconds; DynamoDB deletes an item some time after it, typically within two days, and an
 * expired item still read is treated as gone:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ttl-expired-items.html).
 * A series' snapshots: 90 days, so GET /stats answers as of any time in the last 90 days (docs/capacity.md
 * prices it at 8,000 symbols). The pooled tallies and lists of series: a day (only the newest is read).
 */
export const EVIDENCE_RETENTION = {
  seriesSeconds: 90 * DAY,
  pooledSeconds: DAY,
} as const;

export type TableName = keyof typeof TABLES;
