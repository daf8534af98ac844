// The EvidenceSnapshots table: a series' running evidence tally at a stream batch's last bar, the tally
// pooled over every series of an interval on the 5-minute schedule, and the list of those series.

import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { type EvidenceTally, seriesKey, sortableTime } from "@stock-patterns/core";
import { EVIDENCE_RETENTION, TABLES } from "@stock-patterns/core/catalog";
import { dynamo } from "#aws";
import { linked } from "#config";
import { keptFilter, pastTtl, putIf } from "#repositories";

const SPEC = TABLES.EvidenceSnapshots;

/** The TTL value (epoch seconds) of an item written at `now`, kept `seconds`. */
const expiresAt = (now: Date, seconds: number) => Math.floor(now.getTime() / 1000) + seconds;

/**
 * Writes the item under `partition` and `sort` once, kept `keepSeconds` from `now`: a repeated write finds
 * it there and leaves it (false).
 */
function putOnce(
  partition: string,
  sort: string,
  fields: Record<string, unknown>,
  now: Date,
  keepSeconds: number,
): Promise<boolean> {
  return putIf({
    TableName: linked("EvidenceSnapshots", "name"),
    Item: {
      [SPEC.partitionKey]: partition,
      [SPEC.sortKey]: sort,
      ...fields,
      [SPEC.ttlAttribute]: expiresAt(now, keepSeconds),
    },
    ConditionExpression: "attribute_not_exists(#series)",
    ExpressionAttributeNames: { "#series": SPEC.partitionKey },
  });
}

/** An item read is gone once its TTL has passed, whether or not DynamoDB has deleted it yet. */
const expired = (item: Record<string, unknown>, now: Date) => pastTtl(item, SPEC.ttlAttribute, now);

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
 * to it, so a replayed or retried batch finds the same snapshot there and leaves it. Kept
 * EVIDENCE_RETENTION.seriesSeconds from `now`.
 */
export async function saveSeriesSnapshot(
  symbol: string,
  interval: string,
  barTime: string,
  tally: EvidenceTally,
  now = new Date(),
): Promise<boolean> {
  return putOnce(
    seriesKey(symbol, interval),
    sortableTime(barTime) ?? barTime,
    { tally, seriesCount: 1, computedAt: now.toISOString() },
    now,
    EVIDENCE_RETENTION.seriesSeconds,
  );
}

/** Stores the tally pooled over `series` series of `interval`, counted at `now`. */
export async function savePooledSnapshot(
  interval: string,
  tally: EvidenceTally,
  series: number,
  now = new Date(),
): Promise<void> {
  const computedAt = now.toISOString();
  await putOnce(
    pooledKey(interval),
    computedAt,
    { tally, seriesCount: series, computedAt },
    now,
    EVIDENCE_RETENTION.pooledSeconds,
  );
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
  await putOnce(
    listKey(interval),
    listedAt,
    { symbols: [...symbols].sort(), listedAt },
    now,
    EVIDENCE_RETENTION.pooledSeconds,
  );
}

/** The newest list of `interval`'s series, or undefined before the first pooling run (or a day after the last). */
export async function seriesList(interval: string, now = new Date()): Promise<SeriesList | undefined> {
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
  if (!item || expired(item, now)) return undefined;
  return { symbols: item.symbols as string[], listedAt: item.listedAt as string };
}

/**
 * The newest snapshot under `key` at or before `asOf` (ISO UTC; the newest of all without it), unless it
 * has expired: then every older one has too (a series' snapshots are written in bar order).
 */
async function newestSnapshot(
  key: string,
  asOf?: string,
  now = new Date(),
): Promise<EvidenceSnapshot | undefined> {
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
  if (!item || expired(item, now)) return undefined;
  return snapshotOf(item);
}

function snapshotOf(item: Record<string, unknown>): EvidenceSnapshot {
  return {
    asOf: item[SPEC.sortKey] as string,
    tally: item.tally as EvidenceTally,
    series: item.seriesCount as number,
    computedAt: item.computedAt as string,
  };
}

/** A series' newest tally at or before `asOf` (ISO UTC), or its newest. */
export function seriesSnapshot(symbol: string, interval: string, asOf?: string, now = new Date()) {
  return newestSnapshot(seriesKey(symbol, interval), asOf, now);
}

/**
 * A series' oldest snapshot not expired, to say how far back an answer can go. Expired items DynamoDB
 * has not deleted yet are read and passed over: up to 64 of them (over two days of hourly snapshots, the
 * time DynamoDB typically takes to delete), so the read stays small on a long series.
 */
export async function oldestSeriesSnapshot(
  symbol: string,
  interval: string,
  now = new Date(),
): Promise<EvidenceSnapshot | undefined> {
  const kept = keptFilter(SPEC.ttlAttribute, now);
  const { Items } = await dynamo().send(
    new QueryCommand({
      TableName: linked("EvidenceSnapshots", "name"),
      KeyConditionExpression: "#series = :series",
      FilterExpression: kept.expression,
      ExpressionAttributeNames: { "#series": SPEC.partitionKey, ...kept.names },
      ExpressionAttributeValues: { ":series": seriesKey(symbol, interval), ...kept.values },
      Limit: 64,
    }),
  );
  const item = Items?.[0];
  return item ? snapshotOf(item) : undefined;
}

/** The newest tally pooled over every series of `interval`. */
export function pooledSnapshot(interval: string, now = new Date()) {
  return newestSnapshot(pooledKey(interval), undefined, now);
}
