// The TradingPatterns table: every stored detection, written once under its deterministic id.

import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import {
  type Bar,
  type Detection,
  type Outcome,
  PATTERN_NAMES,
  patternId,
  sortableTime,
} from "@stock-patterns/core";
import { TABLES } from "@stock-patterns/core/catalog";
import { z } from "zod";
import { dynamo } from "../aws/clients";
import { linked } from "../config/resources";
import { getMany, putMany } from "../repositories/batch";
import { updateIf } from "../repositories/conditional";
import { cursorShape, keyText, type Page, readPage } from "../repositories/paging";
import { mapLimit } from "../util/map-limit";
import { barsAround } from "./bars-around";

const SPEC = TABLES.TradingPatterns;
const INDEX = SPEC.indexes[0];

/** A detection as stored, with where it came from. */
export interface StoredPattern extends Detection {
  patternId: string;
  symbol: string;
  interval: string;
  name: string;
  source: "api" | "stream";
  storedAt: string;
  /** The bars from a few before `start` through `detectedAt`, for charts (see analysis/bars-around). */
  bars: Bar[];
  /** What happened after the detection, as of `outcomeAsOf` (detections from the stream). */
  outcome?: Outcome;
  /** ISO UTC time of the bar the outcome was last moved by (or detectedAt): newer moves only replace it. */
  outcomeAsOf?: string;
}

/** A detection to store, with its outcome when it has one. */
export type DetectionToStore = Detection & Partial<Pick<StoredPattern, "outcome" | "outcomeAsOf">>;

/**
 * Stores detections, each once: a detection already stored (a replay) is left alone. `series` is what
 * they were detected on; each detection keeps its stretch of it. Returns the records and how many were new.
 *
 * Detections without an outcome (an analysis): one batch read of which are stored and one batch write
 * per 25 new ones, instead of a conditional put each: an analysis stores tens at once, and each call is a
 * round trip. Two writers racing on the same new detection both write it; ids are deterministic, so it
 * is the same detection (only `storedAt` and `source` may differ).
 *
 * Detections with an outcome (the stream) cannot be written that way: a consumer holding fewer bars could
 * put its older outcome over the one a consumer holding more bars stored a moment before. Each is written
 * with one conditional call instead (see storeTracked).
 */
export async function savePatterns(
  symbol: string,
  interval: string,
  detections: readonly DetectionToStore[],
  source: StoredPattern["source"],
  series: readonly Bar[] = [],
  now = new Date(),
): Promise<{ patterns: StoredPattern[]; created: number }> {
  const table = linked("TradingPatterns", "name");
  const around = barsAround(series);
  const patterns = detections.map(
    (detection): StoredPattern => ({
      ...detection,
      patternId: patternId(symbol, interval, detection),
      symbol,
      interval,
      name: PATTERN_NAMES[detection.pattern],
      source,
      storedAt: now.toISOString(),
      bars: around(detection),
    }),
  );
  const unique = [...new Map(patterns.map((pattern) => [pattern.patternId, pattern])).values()];
  const tracked = unique.filter(isTracked);
  const plain = unique.filter((pattern) => !isTracked(pattern));
  const created = (await storeTracked(table, tracked)) + (await storePlain(table, plain));
  return { patterns, created };
}

type TrackedPattern = StoredPattern & Required<Pick<StoredPattern, "outcome" | "outcomeAsOf">>;

const isTracked = (pattern: StoredPattern): pattern is TrackedPattern =>
  pattern.outcome !== undefined && pattern.outcomeAsOf !== undefined;

const keyOf = (pattern: StoredPattern) => ({
  [SPEC.partitionKey]: pattern.patternId,
  [SPEC.sortKey]: sortableTime(pattern.detectedAt) ?? pattern.detectedAt,
});

/** New detections without an outcome: those not stored yet, in batches. Returns how many were new. */
async function storePlain(table: string, patterns: readonly StoredPattern[]): Promise<number> {
  if (patterns.length === 0) return 0;
  const stored = await getMany(table, patterns.map(keyOf), [SPEC.partitionKey]);
  const known = new Set(stored.map((item) => item[SPEC.partitionKey]));
  const fresh = patterns.filter((pattern) => !known.has(pattern.patternId));
  await putMany(
    table,
    fresh.map((pattern) => ({ ...pattern, ...keyOf(pattern) })),
  );
  return fresh.length;
}

/**
 * Detections with an outcome, one UpdateItem each: it creates the record, or keeps the stored one's
 * fields (`if_not_exists`: the first writer's storedAt and source, an analysis's stretch of bars) and
 * sets the outcome, only where no outcome as new is stored (`outcomeAsOf` absent or older). So whichever
 * writer lands last, the newest outcome stays, and a detection an analysis stored first gets its outcome.
 * A replay finds its own outcome there and changes nothing. One call per new detection replaces the
 * batch read and write (two calls a batch) where a stream batch brings one or two per symbol.
 */
async function storeTracked(table: string, patterns: readonly TrackedPattern[]): Promise<number> {
  const created = await mapLimit(patterns, 16, async (pattern) => {
    const { patternId: _id, outcome, outcomeAsOf, ...fields } = pattern;
    const names: Record<string, string> = { "#outcome": "outcome", "#asOf": "outcomeAsOf" };
    const values: Record<string, unknown> = { ":outcome": outcome, ":asOf": outcomeAsOf };
    const sets = ["#outcome = :outcome", "#asOf = :asOf"];
    for (const [i, [name, value]] of Object.entries(fields).entries()) {
      if (value === undefined) continue;
      names[`#f${i}`] = name;
      values[`:f${i}`] = value;
      sets.push(`#f${i} = if_not_exists(#f${i}, :f${i})`);
    }
    const written = await updateIf({
      TableName: table,
      Key: keyOf(pattern),
      UpdateExpression: `SET ${sets.join(", ")}`,
      ConditionExpression: "attribute_not_exists(#asOf) OR #asOf < :asOf",
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: "UPDATED_OLD",
    });
    return written !== undefined && written.Attributes?.storedAt === undefined ? 1 : 0;
  });
  return created.reduce((sum: number, n) => sum + n, 0);
}

/** A stored detection's outcome after the bar at `asOf` (ISO UTC) moved it. */
export interface OutcomeUpdate {
  patternId: string;
  detectedAt: string;
  outcome: Outcome;
  asOf: string;
}

/**
 * Writes outcomes to their stored detections, each only over an older one: a replayed or repeated
 * update finds its own (or a newer) outcome there and changes nothing. A detection not stored is left
 * absent. Returns how many records changed.
 */
export async function recordOutcomes(updates: readonly OutcomeUpdate[]): Promise<number> {
  const table = linked("TradingPatterns", "name");
  const changed = await mapLimit(updates, 16, async ({ patternId, detectedAt, outcome, asOf }) => {
    const moved = await updateIf({
      TableName: table,
      Key: { [SPEC.partitionKey]: patternId, [SPEC.sortKey]: sortableTime(detectedAt) ?? detectedAt },
      UpdateExpression: "SET #outcome = :outcome, #asOf = :asOf",
      ConditionExpression: "attribute_exists(#id) AND (attribute_not_exists(#asOf) OR #asOf < :asOf)",
      ExpressionAttributeNames: {
        "#id": SPEC.partitionKey,
        "#outcome": "outcome",
        "#asOf": "outcomeAsOf",
      },
      ExpressionAttributeValues: { ":outcome": outcome, ":asOf": asOf },
    });
    return moved === undefined ? 0 : 1;
  });
  return changed.reduce((sum: number, n) => sum + n, 0);
}

/** Filters of `GET /patterns`; `from` and `to` bound detectedAt (ISO UTC). */
export interface PatternQuery {
  symbol: string;
  from?: string;
  to?: string;
  pattern?: string;
  limit: number;
  cursor?: string;
}

/** One stored detection by id, or undefined. */
export async function getPattern(id: string): Promise<StoredPattern | undefined> {
  const { Items } = await dynamo().send(
    new QueryCommand({
      TableName: linked("TradingPatterns", "name"),
      KeyConditionExpression: "#id = :id",
      ExpressionAttributeNames: { "#id": SPEC.partitionKey },
      ExpressionAttributeValues: { ":id": id },
      Limit: 1,
    }),
  );
  if (!Items?.[0]) return undefined;
  const { [SPEC.sortKey]: _time, ...pattern } = Items[0];
  return pattern as StoredPattern;
}

/** Stored detections of one symbol, newest first. */
export async function listPatterns(query: PatternQuery): Promise<Page<StoredPattern>> {
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
  if (query.pattern) {
    names["#pattern"] = "pattern";
    values[":pattern"] = query.pattern;
  }
  const page = await readPage<StoredPattern & Record<string, unknown>>(
    "query",
    {
      TableName: linked("TradingPatterns", "name"),
      IndexName: INDEX.name,
      KeyConditionExpression: `#symbol = :symbol${range}`,
      FilterExpression: query.pattern ? "#pattern = :pattern" : undefined,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    },
    query.limit,
    cursorShape({
      [SPEC.partitionKey]: keyText,
      // A page resumes inside the query's range: DynamoDB refuses a start key outside it.
      [SPEC.sortKey]: keyText.refine(
        (time) => (!query.from || time >= query.from) && (!query.to || time <= query.to),
      ),
      [INDEX.partitionKey]: z.literal(query.symbol),
    }),
    query.cursor,
  );
  return {
    items: page.items.map(({ [SPEC.sortKey]: _, ...rest }) => rest as StoredPattern),
    cursor: page.cursor,
  };
}
