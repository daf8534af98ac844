// Reads of the TradingPatterns table: one detection, its outcome, what detections are made of, a symbol's list.

import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { DetectionIdentity, Outcome } from "@stock-patterns/core";
import { dynamo } from "#aws";
import { linked } from "#config";
import { getMany, keptFilter, type Page, readPage } from "#repositories";
import { type ListedItem, wholeBars } from "./bar-pages";
import {
  expired,
  fromItem,
  INDEX,
  type PatternKey,
  patternCursor,
  patternKey,
  SPEC,
  type StoredPattern,
} from "./pattern-table";

/** Filters of `GET /patterns`; `from` and `to` bound detectedAt (ISO UTC). */
export interface PatternQuery {
  symbol: string;
  from?: string;
  to?: string;
  pattern?: string;
  limit: number;
  cursor?: string;
}

/** One stored detection by id, or undefined (also when it has expired: RECORD_RETENTION_DAYS). */
export async function getPattern(id: string, now = new Date()): Promise<StoredPattern | undefined> {
  const { Items } = await dynamo().send(
    new QueryCommand({
      TableName: linked("TradingPatterns", "name"),
      KeyConditionExpression: "#id = :id",
      ExpressionAttributeNames: { "#id": SPEC.partitionKey },
      ExpressionAttributeValues: { ":id": id },
      Limit: 1,
    }),
  );
  const item = Items?.[0];
  return item && !expired(item, now) ? fromItem(item) : undefined;
}

/**
 * A stored detection's outcome as stored now, read strongly consistent (an alert just published reads
 * what the stream wrote before): undefined when the detection, or its outcome, is not stored.
 *
 * @example
 * const outcome = await storedOutcome("pat_…", "2020-03-02"); // { status: "open", breakout: … }
 */
export async function storedOutcome(patternId: string, detectedAt: string): Promise<Outcome | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: linked("TradingPatterns", "name"),
      Key: patternKey({ patternId, detectedAt }),
      ProjectionExpression: "#outcome",
      ExpressionAttributeNames: { "#outcome": "outcome" },
      ConsistentRead: true,
    }),
  );
  return Item?.outcome as Outcome | undefined;
}

/**
 * The outcomes of the stored detections among `keys` as stored now, read strongly consistent, by id, in
 * one batch read per 100 (storedOutcome's read for many: the AlertProcessor's catch-up of a batch); a
 * detection not stored, or without an outcome, is absent. DynamoDB's unprocessed keys are read again
 * (readTogether), and a read that still fails fails the whole call.
 *
 * @example
 * const outcomes = await storedOutcomes([{ patternId: "pat_…", detectedAt: "2020-03-02" }]);
 */
export async function storedOutcomes(keys: readonly PatternKey[]): Promise<Map<string, Outcome>> {
  const unique = [...new Map(keys.map((key) => [key.patternId, key])).values()];
  if (unique.length === 0) return new Map();
  const items = await getMany(linked("TradingPatterns", "name"), unique.map(patternKey), [
    SPEC.partitionKey,
    "outcome",
  ]);
  return new Map(
    items.flatMap((item) =>
      item.outcome ? [[item[SPEC.partitionKey] as string, item.outcome as Outcome] as const] : [],
    ),
  );
}

/**
 * What the stored detections among `keys` are made of (code, end, detection time: the parts of their
 * alerts' ids), by id, in one batch read per 100; a detection not stored is absent.
 *
 * @example
 * const identities = await patternIdentities([{ patternId: "pat_…", detectedAt: "2020-03-02" }]);
 */
export async function patternIdentities(
  keys: readonly PatternKey[],
): Promise<Map<string, DetectionIdentity>> {
  const unique = [...new Map(keys.map((key) => [key.patternId, key])).values()];
  if (unique.length === 0) return new Map();
  const items = await getMany(linked("TradingPatterns", "name"), unique.map(patternKey), [
    SPEC.partitionKey,
    "pattern",
    "end",
    "detectedAt",
  ]);
  return new Map(
    items.map((item) => [
      item[SPEC.partitionKey] as string,
      { pattern: item.pattern, end: item.end, detectedAt: item.detectedAt } as DetectionIdentity,
    ]),
  );
}

/** The most detections of one bar of a symbol a page reads: 12 codes for each of its intervals, and room. */
const BAR_MOST = 100;

/**
 * Stored detections of one symbol, newest first, each bar whole on one page in the reverse of the spec's
 * order (bar-pages.ts). An expired detection DynamoDB has not deleted yet is left out (the filter, like
 * the code's, is applied after the read, so a page may hold fewer than `limit`).
 */
export async function listPatterns(query: PatternQuery, now = new Date()): Promise<Page<StoredPattern>> {
  const names: Record<string, string> = { "#symbol": INDEX.partitionKey };
  if (query.from || query.to) names["#time"] = INDEX.sortKey;
  const values: Record<string, unknown> = { ":symbol": query.symbol };
  let range = "";
  if (query.from && query.to) {
    range = " AND #time BETWEEN :from AND :to";
    Object.assign(values, { ":from": query.from, ":to": query.to });
  } else if (query.from) {
    range = " AND #time >= :from";
    values[":from"] = query.from;
  } else if (query.to) {
    range = " AND #time <= :to";
    values[":to"] = query.to;
  }
  const shape = patternCursor(query);
  const kept = keptFilter(SPEC.ttlAttribute, now);
  const filter = query.pattern ? `#pattern = :pattern AND ${kept.expression}` : kept.expression;
  // DynamoDB refuses a name or value the expressions do not use: the code's only with its filter.
  const patternName: Record<string, string> = {
    ...kept.names,
    ...(query.pattern ? { "#pattern": "pattern" } : {}),
  };
  const patternValue: Record<string, string | number> = {
    ...kept.values,
    ...(query.pattern ? { ":pattern": query.pattern } : {}),
  };
  const listed = await readPage<ListedItem>(
    "query",
    {
      TableName: linked("TradingPatterns", "name"),
      IndexName: INDEX.name,
      KeyConditionExpression: `#symbol = :symbol${range}`,
      FilterExpression: filter,
      ExpressionAttributeNames: { ...names, ...patternName },
      ExpressionAttributeValues: { ...values, ...patternValue },
      ScanIndexForward: false,
    },
    query.limit + 1,
    shape,
    query.cursor,
  );
  // One more than the page holds, to see whether its last bar goes on; the rest of a bar, when needed.
  const page = await wholeBars(listed, query.limit, shape, (time, cursor) =>
    readPage<ListedItem>(
      "query",
      {
        TableName: linked("TradingPatterns", "name"),
        IndexName: INDEX.name,
        KeyConditionExpression: "#symbol = :symbol AND #time = :bar",
        FilterExpression: filter,
        ExpressionAttributeNames: { "#symbol": INDEX.partitionKey, "#time": INDEX.sortKey, ...patternName },
        ExpressionAttributeValues: { ":symbol": query.symbol, ":bar": time, ...patternValue },
        ScanIndexForward: false,
      },
      BAR_MOST,
      shape,
      cursor,
    ),
  );
  return {
    items: page.items.map(fromItem),
    cursor: page.cursor,
  };
}
