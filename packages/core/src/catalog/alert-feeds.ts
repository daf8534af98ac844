// The Alerts table's feeds (byCreatedAt's `feed`, unfinishedByCreatedAt's `unfinishedFeed`) are each
// written under several key values, so that no one partition takes every alert's index writes.

import { sha256Hex } from "../ids/ids";

/**
 * Key values each alert feed is spread over. At 8,000 symbols of 1-second bars `byCreatedAt` takes up to
 * 5,690 WCU/s (every write 2 WCU), where one key value is served 1,000: 8 values take 711 each (71%) and
 * reach a partition's limit at 1.4 times that load; `unfinishedByCreatedAt`'s 976 become 122 (12%). A
 * newest-first page queries every value, so more values cost every page more calls
 * (docs/capacity.md, "One key value's throughput").
 *
 * @example
 * ALERT_FEED_SHARDS // 8
 */
export const ALERT_FEED_SHARDS = 8;

/**
 * The shard of an alert, from its id alone (so every writer of it agrees): the first 32 bits of the id's
 * SHA-256, modulo ALERT_FEED_SHARDS.
 *
 * @example
 * alertFeedShard("alr_ac95c7dc14731872aeb0b5ae8b2a4bd6") // 0 to 7
 */
export function alertFeedShard(alertId: string): number {
  return Number.parseInt(sha256Hex(alertId).slice(0, 8), 16) % ALERT_FEED_SHARDS;
}

/**
 * The key value an alert is written under in the feed whose values start with `base`.
 *
 * @example
 * shardedFeed("alerts", "alr_…") // "alerts#3"
 */
export function shardedFeed(base: string, alertId: string): string {
  return `${base}#${alertFeedShard(alertId)}`;
}

/**
 * Every key value a reader of the feed `base` queries, in the order a newest-first merge breaks a tie
 * of creation times by: each shard's, then `base` itself, the one value every alert stored before the
 * shards (5 Dec 2026) keeps, read as one more shard so that nothing is rewritten.
 *
 * @example
 * feedValues("alerts") // ["alerts#0", …, "alerts#7", "alerts"]
 */
export function feedValues(base: string): string[] {
  return [...Array.from({ length: ALERT_FEED_SHARDS }, (_, shard) => `${base}#${shard}`), base];
}
