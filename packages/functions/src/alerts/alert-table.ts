// The Alerts table's shape: its key, the feed of its byCreatedAt index (written under shards), the sparse
// index of alerts the sweep has not yet seen finished (likewise), the index by symbol, its TTL, and an item
// read back as an alert.

import { ALERT_ID } from "@stock-patterns/core";
import { feedValues, TABLES } from "@stock-patterns/core/catalog";
import * as z from "zod";
import { cursorShape, idKey, instantKey, pastTtl } from "#repositories";
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

/** An alert's id in a cursor: as the raisers make it (core's ALERT_ID). */
const ALERT_KEY = idKey(ALERT_ID, "an alert id");

/**
 * A cursor of the feed of every alert (byCreatedAt): where a page ends, as an index entry's key. Its
 * feed is one of the values the feed is read under (a cursor from before the shards names the one value);
 * its time is the alert's `createdAt`, which raisers write as ISO UTC.
 *
 * @example
 * decodeCursor(cursor, FEED_CURSOR) // { alertId: "alr_…", feed: "alerts#3", createdAt: "2026-…Z" }
 */
export const FEED_CURSOR = cursorShape({
  [SPEC.partitionKey]: ALERT_KEY,
  [INDEX.partitionKey]: z.enum(FEEDS as [string, ...string[]], { error: "is not a key value of the feed" }),
  [INDEX.sortKey]: instantKey,
});

/**
 * A cursor of one symbol's alerts (bySymbol): as FEED_CURSOR, under that symbol, so one of another
 * listing is refused.
 *
 * @example
 * decodeCursor(cursor, symbolCursor("SPX")) // { alertId: "alr_…", symbol: "SPX", createdAt: "2026-…Z" }
 */
export const symbolCursor = (symbol: string) =>
  cursorShape({
    [SPEC.partitionKey]: ALERT_KEY,
    [BY_SYMBOL.partitionKey]: z.literal(symbol, { error: "is not the symbol of this listing" }),
    [BY_SYMBOL.sortKey]: instantKey,
  });

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
