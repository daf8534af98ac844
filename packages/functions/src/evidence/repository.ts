// The EvidenceSnapshots table: a series' running evidence tally at a stream batch's last bar, the tally
// pooled over every series of an interval on the 5-minute schedule, and the list of those series.

import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { type EvidenceTally, seriesKey, sortableTime } from "@stock-patterns/core";
import { TABLES } from "@stock-patterns/core/catalog";
import { dynamo } from "../aws/clients";
import { linked } from "../config/resources";
import { putIf } from "../repositories/conditional";

const SPEC = TABLES.EvidenceSnapshots;
/** Pooled tallies are recounted every 5 minutes; a day of them is plenty to read the newest. */
const POOLED_KEEP_SECONDS = 86_400;

/** A stored tally: of one series as of a bar, or pooled over an interval's series when it was counted. */
export interface EvidenceSnapshot {
  /** ISO UTC: the bar the tally counts up to (one series), or when it was pooled. */
  asOf: string;
  tally: EvidenceTally;
  /** How many series it counts. */
  series: number;
  /** When it was written (ISO UTC). */
  computedAt: string;
}

/** The key of the tally pooled over every series of an interval (`*` is never a symbol). */
const pooledKey = (interval: string) => seriesKey("*", interval);
/** The key of the list of an interval's series the pooling run counted (`@` is never a symbol). */
const listKey = (interval: string) => seriesKey("@", interval);

/**
 * Stores a series' tally as of the bar at `barTime`, once: the tally at a bar depends only on the bars up
 * to it, so a replayed or retried batch finds the same snapshot there and leaves it.
 */
export async function saveSeriesSnapshot(
  symbol: string,
  interval: string,
  barTime: string,
  tally: EvidenceTally,
  now = new Date(),
): Promise<boolean> {
  return putIf({
    TableName: linked("EvidenceSnapshots", "name"),
    Item: {
      [SPEC.partitionKey]: seriesKey(symbol, interval),
      [SPEC.sortKey]: sortableTime(barTime) ?? barTime,
      tally,
      seriesCount: 1,
      computedAt: now.toISOString(),
    },
    ConditionExpression: "attribute_not_exists(#series)",
    ExpressionAttributeNames: { "#series": SPEC.partitionKey },
  });
}

/** Stores the tally pooled over `series` series of `interval`, counted at `now`. */
export async function savePooledSnapshot(
  interval: string,
  tally: EvidenceTally,
  series: number,
  now = new Date(),
): Promise<void> {
  const computedAt = now.toISOString();
  await putIf({
    TableName: linked("EvidenceSnapshots", "name"),
    Item: {
      [SPEC.partitionKey]: pooledKey(interval),
      [SPEC.sortKey]: computedAt,
      tally,
      seriesCount: series,
      computedAt,
      [SPEC.ttlAttribute]: Math.floor(now.getTime() / 1000) + POOLED_KEEP_SECONDS,
    },
    ConditionExpression: "attribute_not_exists(#series)",
    ExpressionAttributeNames: { "#series": SPEC.partitionKey },
  });
}

/** The symbols of an interval's series, as the pooling run at `listedAt` found them. */
export interface SeriesList {
  symbols: string[];
  listedAt: string;
}

/**
 * Stores the symbols of `interval` a pooling run counted, so a pooled answer as of a past time knows
 * which series' snapshots to read without scanning a table. One item: about 8 bytes a symbol, so the
 * 400 KB item limit holds some 40,000 series of one interval.
 */
export async function saveSeriesList(interval: string, symbols: readonly string[], now = new Date()) {
  const listedAt = now.toISOString();
  await putIf({
    TableName: linked("EvidenceSnapshots", "name"),
    Item: {
      [SPEC.partitionKey]: listKey(interval),
      [SPEC.sortKey]: listedAt,
      symbols: [...symbols].sort(),
      listedAt,
      [SPEC.ttlAttribute]: Math.floor(now.getTime() / 1000) + POOLED_KEEP_SECONDS,
    },
    ConditionExpression: "attribute_not_exists(#series)",
    ExpressionAttributeNames: { "#series": SPEC.partitionKey },
  });
}

/** The newest list of `interval`'s series, or undefined before the first pooling run. */
export async function seriesList(interval: string): Promise<SeriesList | undefined> {
  const { Items } = await dynamo().send(
    new QueryCommand({
      TableName: linked("EvidenceSnapshots", "name"),
      KeyConditionExpression: "#series = :series",
      ExpressionAttributeNames: { "#series": SPEC.partitionKey },
      ExpressionAttributeValues: { ":series": listKey(interval) },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const item = Items?.[0];
  return item ? { symbols: item.symbols as string[], listedAt: item.listedAt as string } : undefined;
}

/** The newest snapshot under `key` at or before `asOf` (ISO UTC; the newest of all without it). */
async function newestSnapshot(key: string, asOf?: string): Promise<EvidenceSnapshot | undefined> {
  // DynamoDB refuses an attribute name the expression does not use, so the sort key is named only with asOf.
  const byTime =
    asOf === undefined ? undefined : { name: { "#asOf": SPEC.sortKey }, value: { ":asOf": asOf } };
  const { Items } = await dynamo().send(
    new QueryCommand({
      TableName: linked("EvidenceSnapshots", "name"),
      KeyConditionExpression: byTime ? "#series = :series AND #asOf <= :asOf" : "#series = :series",
      ExpressionAttributeNames: { "#series": SPEC.partitionKey, ...byTime?.name },
      ExpressionAttributeValues: { ":series": key, ...byTime?.value },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const item = Items?.[0];
  if (!item) return undefined;
  return {
    asOf: item[SPEC.sortKey],
    tally: item.tally as EvidenceTally,
    series: item.seriesCount as number,
    computedAt: item.computedAt as string,
  };
}

/** A series' newest tally at or before `asOf` (ISO UTC), or its newest. */
export function seriesSnapshot(symbol: string, interval: string, asOf?: string) {
  return newestSnapshot(seriesKey(symbol, interval), asOf);
}

/** The newest tally pooled over every series of `interval`. */
export function pooledSnapshot(interval: string) {
  return newestSnapshot(pooledKey(interval));
}
