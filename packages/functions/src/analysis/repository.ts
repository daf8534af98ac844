// The TradingPatterns table: every stored detection, written once under its deterministic id.

import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import {
  type Bar,
  type Detection,
  type DetectionIdentity,
  type Outcome,
  PATTERN_NAMES,
  patternId,
  sortableTime,
} from "@stock-patterns/core";
import { TABLES } from "@stock-patterns/core/catalog";
import { z } from "zod";
import { dynamo } from "#aws";
import { linked } from "#config";
import { cursorShape, getMany, keyText, type Page, putIf, readPage, updateIf } from "#repositories";
import { mapLimit } from "#util";
import { barsAround } from "./bars-around";
import { packStoredBars, unpackStoredBars } from "./stored-bars";

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
  /** What happened after the detection, as of `outcomeAsOf` (absent on records stored before outcomes were). */
  outcome?: Outcome;
  /** ISO UTC time of the bar the outcome was last moved by (or detectedAt): newer moves only replace it. */
  outcomeAsOf?: string;
}

/** A detection to store, with its outcome and the time of the bar that last moved it. */
export type DetectionToStore = Detection & Required<Pick<StoredPattern, "outcome" | "outcomeAsOf">>;

/** A detection as stored with its outcome: what every writer stores now. */
type TrackedPattern = StoredPattern & Required<Pick<StoredPattern, "outcome" | "outcomeAsOf">>;

/**
 * Stores detections with their outcomes: a detection already stored keeps its fields, and its outcome
 * moves only forward (see storeTracked). `series` is what they were detected on; each detection keeps its
 * stretch of it. Returns the records and how many were new.
 *
 * The stream and the API (an analysis) store the same detections under the same deterministic ids, so
 * both write through the one conditional call: an unconditional batch write could put an older outcome
 * (or none) over the newer one another writer stored a moment before.
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
    (detection): TrackedPattern => ({
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
  // The stream's are new by construction: each a conditional put, cheaper on both sides than the update
  // of every field (which a replay, or one an analysis stored first, falls back to). An analysis mostly
  // finds detections stored before (a series analysed again, its windows overlapping): one batch read
  // spares a failed conditional call for each, and tells which are absent, stored with a plain put.
  if (source === "stream") return { patterns, created: await putNew(table, unique) };
  const { absent, older } = await notStoredAsNew(table, unique);
  const [created, moved] = await Promise.all([putNew(table, absent), storeTracked(table, older)]);
  return { patterns, created: created + moved };
}

const keyOf = (pattern: StoredPattern) => ({
  [SPEC.partitionKey]: pattern.patternId,
  [SPEC.sortKey]: sortableTime(pattern.detectedAt) ?? pattern.detectedAt,
});

/** A detection's fields as stored: its bars packed into one string (see stored-bars). */
const storedFields = ({ bars, ...pattern }: TrackedPattern) => ({ ...pattern, bars: packStoredBars(bars) });

/** A stored item read back: the sort key dropped, the bars unpacked (packed or, if older, a list). */
function fromItem(item: Record<string, unknown>): StoredPattern {
  const { [SPEC.sortKey]: _time, bars, ...pattern } = item;
  return { ...(pattern as Omit<StoredPattern, "bars">), bars: unpackStoredBars(bars) };
}

/**
 * The patterns whose outcome is not stored as new, read in one batch call per 100: those absent, and
 * those stored with an older `outcomeAsOf`. The others would only fail storeTracked's condition. A write
 * racing this read is still caught by putNew's and storeTracked's conditions.
 */
async function notStoredAsNew(
  table: string,
  patterns: readonly TrackedPattern[],
): Promise<{ absent: TrackedPattern[]; older: TrackedPattern[] }> {
  if (patterns.length === 0) return { absent: [], older: [] };
  const stored = await getMany(table, patterns.map(keyOf), [SPEC.partitionKey, "outcomeAsOf"]);
  const asOf = new Map(
    stored.map((item) => [item[SPEC.partitionKey], item.outcomeAsOf as string | undefined]),
  );
  const absent = patterns.filter((pattern) => !asOf.has(pattern.patternId));
  const older = patterns.filter((pattern) => {
    const storedAsOf = asOf.get(pattern.patternId);
    return asOf.has(pattern.patternId) && (storedAsOf === undefined || storedAsOf < pattern.outcomeAsOf);
  });
  return { absent, older };
}

/**
 * Stores detections read as absent, each with one PutItem on condition that it still is: cheaper for
 * both sides than storeTracked's update of every field. One that another writer stored meanwhile goes
 * through storeTracked, so the newest outcome stays. Returns how many were new.
 */
async function putNew(table: string, patterns: readonly TrackedPattern[]): Promise<number> {
  const created = await mapLimit(patterns, 16, async (pattern) => {
    const put = await putIf({
      TableName: table,
      Item: { ...storedFields(pattern), ...keyOf(pattern) },
      ConditionExpression: "attribute_not_exists(#id)",
      ExpressionAttributeNames: { "#id": SPEC.partitionKey },
    });
    return put ? 1 : storeTracked(table, [pattern]);
  });
  return created.reduce((sum: number, n) => sum + n, 0);
}

/**
 * One UpdateItem per detection: it creates the record, or keeps the stored one's fields (`if_not_exists`:
 * the first writer's storedAt, source and stretch of bars) and sets the outcome, only where no outcome as
 * new is stored (`outcomeAsOf` absent or older). So whichever writer (stream or analysis) lands last, the
 * newest outcome stays. A replay finds its own outcome there and changes nothing. One call per new
 * detection replaces the batch read and write (two calls a batch) where a stream batch brings one or two
 * per symbol; an analysis of tens of detections makes tens of calls, 16 at a time.
 */
async function storeTracked(table: string, patterns: readonly TrackedPattern[]): Promise<number> {
  const created = await mapLimit(patterns, 16, async (pattern) => {
    const { patternId: _id, outcome, outcomeAsOf, ...fields } = storedFields(pattern);
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
  return Items?.[0] ? fromItem(Items[0]) : undefined;
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
      Key: { [SPEC.partitionKey]: patternId, [SPEC.sortKey]: sortableTime(detectedAt) ?? detectedAt },
      ProjectionExpression: "#outcome",
      ExpressionAttributeNames: { "#outcome": "outcome" },
      ConsistentRead: true,
    }),
  );
  return Item?.outcome as Outcome | undefined;
}

/** A stored detection named by its full key: its id and detection time. */
export interface PatternKey {
  patternId: string;
  detectedAt: string;
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
  const items = await getMany(
    linked("TradingPatterns", "name"),
    unique.map(({ patternId, detectedAt }) => ({
      [SPEC.partitionKey]: patternId,
      [SPEC.sortKey]: sortableTime(detectedAt) ?? detectedAt,
    })),
    [SPEC.partitionKey, "pattern", "end", "detectedAt"],
  );
  return new Map(
    items.map((item) => [
      item[SPEC.partitionKey] as string,
      { pattern: item.pattern, end: item.end, detectedAt: item.detectedAt } as DetectionIdentity,
    ]),
  );
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
    items: page.items.map(fromItem),
    cursor: page.cursor,
  };
}
