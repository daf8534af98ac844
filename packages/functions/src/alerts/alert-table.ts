// The Alerts table's shape: its key, the feed of its byCreatedAt index (written under shards), the sparse
// index of alerts the sweep has not yet seen finished (likewise), the index by symbol, its TTL, and an item
// read back as an alert.

import { feedValues, TABLES } from "@stock-patterns/core/catalog";
import { pastTtl } from "#repositories";
import type { Alert } from "./alert";

export const SPEC = TABLES.Alerts;
type AlertIndex = (typeof SPEC.indexes)[number];
/** One of the table's catalog indexes, by name. */
const indexNamed = <N extends AlertIndex["name"]>(name: N) =>
  SPEC.indexes.find((index) => index.name === name) as Extract<AlertIndex, { name: N }>;
// A read names its index literally (`"byCreatedAt" satisfies …`, checked against the catalog by the
// compiler): the least-privilege check (scripts/synth/resource-calls.ts) reads the name from the bundle's call.
export const INDEX = indexNamed("byCreatedAt");
/**
 * Every alert sits in the feed of the byCreatedAt index, so the newest come first across symbols: under
 * `alerts#<shard>` (core's shardedFeed), or `alerts` itself when stored before the shards.
 */
export const FEED = "alerts";
/** The feed's key values, each shard's and then the one before the shards: what a reader queries. */
export const FEEDS = feedValues(FEED);
/**
 * Alerts not yet seen finished, by creation time: every alert is put with `unfinishedFeed` and keeps it
 * until the sweep reads it finished or its catch-up marks it caught up (its publisher's, as it goes out),
 * so the sweep's look-back reads these, not every alert of the day. Keys only: the sweep reads each alert itself anyway.
 */
export const UNFINISHED = indexNamed("unfinishedByCreatedAt");
export const UNFINISHED_FEED = "unfinished";
/** The unfinished index's key values, as FEEDS. */
export const UNFINISHED_FEEDS = feedValues(UNFINISHED_FEED);
/** Every alert under its own symbol, newest first: `GET /alerts?symbol=` reads only that symbol's alerts. */
export const BY_SYMBOL = indexNamed("bySymbol");

/** An item read back as an alert: the index feeds dropped. */
export function strip(item: Record<string, unknown>): Alert {
  const { [INDEX.partitionKey]: _feed, [UNFINISHED.partitionKey]: _unfinished, ...alert } = item;
  return alert as unknown as Alert;
}

/**
 * Whether an item read has expired (its TTL attribute, set once the alert is finished under a retention, is
 * past): every read passes it over as gone (pastTtl, the rule every table with a TTL follows).
 */
export function expired(item: Record<string, unknown>, now: Date): boolean {
  return pastTtl(item, SPEC.ttlAttribute, now);
}
