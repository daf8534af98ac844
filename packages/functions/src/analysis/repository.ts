// Writes of the TradingPatterns table: every detection stored once under its deterministic id, its outcome
// moved only forward (reads: pattern-reads.ts; the table's shape: pattern-table.ts).

import {
  type Bar,
  type DetectionIdentity,
  type Evidence,
  type Outcome,
  PATTERN_NAMES,
  patternId,
  textPatternId,
} from "@stock-patterns/core";
import { linked } from "#config";
import { type BatchRead, batchRead, putIf, readTogether, updateIf } from "#repositories";
import { mapLimit } from "#util";
import { barsAround } from "./bars-around";
import {
  type DetectionToStore,
  expiryOf,
  type PatternKey,
  patternKey,
  SPEC,
  type StoredPattern,
  storedFields,
  type TrackedPattern,
} from "./pattern-table";

/**
 * Stores detections with their outcomes: a detection already stored keeps its fields, and its outcome
 * moves only forward (see storeTracked). `series` is what they were detected on; each detection keeps its
 * stretch of it. Returns the records, each under the id it is stored under, and how many were new.
 *
 * The stream and the API (an analysis) store the same detections under the same deterministic ids, so
 * both write through the one conditional call: an unconditional batch write could put an older outcome
 * (or none) over the newer one another writer stored a moment before.
 *
 * A detection a release before instant ids stored keeps the id it gave it (earlierPatternKey): it is
 * looked up there too and written there, not stored (and listed) a second time. `known` is what the
 * caller read of those already (a stream batch reads them with its alerts); the rest are read here.
 */
export async function savePatterns(
  symbol: string,
  interval: string,
  detections: readonly DetectionToStore[],
  source: StoredPattern["source"],
  series: readonly Bar[] = [],
  now = new Date(),
  known?: KnownPatterns,
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
  const earlier = new Map(
    unique.flatMap((pattern) => {
      const key = earlierPatternKey(symbol, interval, pattern);
      return key ? [[pattern.patternId, key] as const] : [];
    }),
  );
  // The stream's are new by construction (the detector has just met their last bar), but for one a
  // release before instant ids stored: only those ids are read. An analysis mostly finds detections
  // stored before (a series analysed again, its windows overlapping): one batch read of both ids spares
  // a failed conditional call for each, and tells which are absent, stored with a plain put.
  const stored = await patternsAmong(
    source === "stream" ? [...earlier.values()] : [...unique, ...earlier.values()],
    known,
  );
  const ids = new Map(
    unique.map(({ patternId: id }) => {
      const earlierId = earlier.get(id)?.patternId;
      return [id, !stored.get(id) && earlierId && stored.get(earlierId) ? earlierId : id];
    }),
  );
  const storedUnder = (pattern: TrackedPattern): TrackedPattern => ({
    ...pattern,
    patternId: ids.get(pattern.patternId) ?? pattern.patternId,
  });
  const kept = unique.map(storedUnder);
  // Those found stored are written only where their stored outcome is older than this one (a replay
  // writes nothing); a write racing the read is still caught by putNew's and storeTracked's conditions.
  const absent = kept.filter((pattern) => !stored.get(pattern.patternId));
  const older = kept.filter((pattern) => {
    const read = stored.get(pattern.patternId);
    return read && (read.outcomeAsOf === undefined || read.outcomeAsOf < pattern.outcomeAsOf);
  });
  const [created, moved] = await Promise.all([putNew(table, absent, now), storeTracked(table, older, now)]);
  return { patterns: patterns.map(storedUnder), created: created + moved };
}

/** What a write needs of a stored detection: the bar its outcome was last moved by (absent: never). */
interface StoredAsOf {
  outcomeAsOf?: string;
}

/** Detections read earlier, by id: null where the read found none. */
export type KnownPatterns = ReadonlyMap<string, StoredAsOf | null>;

/**
 * The key a detection had when ids were made of its times' text (core's textPatternId: releases before
 * 04e93d9), or undefined where that is its id. The sort key is the same (detectedAt's instant).
 *
 * @example
 * earlierPatternKey("SPX", "1d", detection) // { patternId: "pat_…", detectedAt: "2020-03-02" }
 */
export function earlierPatternKey(
  symbol: string,
  interval: string,
  detection: DetectionIdentity,
): PatternKey | undefined {
  const id = textPatternId(symbol, interval, detection);
  return id === undefined ? undefined : { patternId: id, detectedAt: detection.detectedAt };
}

/**
 * The batch read of the detections among `keys`, answered by id (null where none is stored): only
 * whether each is stored and its `outcomeAsOf`. For readTogether: a stream batch reads the detections
 * earlier releases may have stored in one call with its alerts.
 *
 * @example
 * const [patterns] = await readTogether(patternsRead([{ patternId: "pat_…", detectedAt: "2020-03-02" }]));
 */
export function patternsRead(keys: readonly PatternKey[]): BatchRead<KnownPatterns> {
  const unique = [...new Map(keys.map((key) => [key.patternId, key])).values()];
  const answer = (items: Record<string, unknown>[]): KnownPatterns => {
    const stored = new Map(
      items.map((item) => [item[SPEC.partitionKey] as string, { outcomeAsOf: item.outcomeAsOf as string }]),
    );
    return new Map(unique.map(({ patternId: id }) => [id, stored.get(id) ?? null]));
  };
  return batchRead(linked("TradingPatterns", "name"), unique.map(patternKey), answer, [
    SPEC.partitionKey,
    "outcomeAsOf",
  ]);
}

/**
 * The batch read of the evidence an analysis stored beside the detections among `keys` (see AlertEvidence in
 * pattern-table), answered by id: only those that have it. For readTogether: AlertDecision reads it in one
 * call with the alerts it looks for.
 *
 * @example
 * const [evidence] = await readTogether(patternEvidenceRead([{ patternId: "pat_…", detectedAt: "2020-03-02" }]));
 */
export function patternEvidenceRead(keys: readonly PatternKey[]): BatchRead<Map<string, Evidence>> {
  const unique = [...new Map(keys.map((key) => [key.patternId, key])).values()];
  const answer = (items: Record<string, unknown>[]) =>
    new Map(
      items.flatMap((item) =>
        item.evidence ? [[item[SPEC.partitionKey] as string, item.evidence as Evidence] as const] : [],
      ),
    );
  return batchRead(linked("TradingPatterns", "name"), unique.map(patternKey), answer, [
    SPEC.partitionKey,
    "evidence",
  ]);
}

/**
 * The detections among `keys` (null where none is stored): those in `known` as read then, the rest read
 * now in one batch call per 100 (none when `known` has them all). A write racing this read is still
 * caught by putNew's and storeTracked's conditions.
 */
async function patternsAmong(
  keys: readonly PatternKey[],
  known: KnownPatterns = new Map(),
): Promise<Map<string, StoredAsOf | null>> {
  const [read] = await readTogether(patternsRead(keys.filter(({ patternId: id }) => !known.has(id))));
  return new Map(keys.map(({ patternId: id }) => [id, known.get(id) ?? read.get(id) ?? null]));
}

/**
 * Stores detections read as absent, each with one PutItem on condition that it still is: cheaper for
 * both sides than storeTracked's update of every field. One that another writer stored meanwhile goes
 * through storeTracked, so the newest outcome stays. Returns how many were new.
 */
async function putNew(table: string, patterns: readonly TrackedPattern[], now: Date): Promise<number> {
  const created = await mapLimit(patterns, 16, async (pattern) => {
    const put = await putIf({
      TableName: table,
      Item: {
        ...storedFields(pattern),
        ...patternKey(pattern),
        ...expiryOf(pattern.outcome, pattern.interval, now),
      },
      ConditionExpression: "attribute_not_exists(#id)",
      ExpressionAttributeNames: { "#id": SPEC.partitionKey },
    });
    return put ? 1 : storeTracked(table, [pattern], now);
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
async function storeTracked(table: string, patterns: readonly TrackedPattern[], now: Date): Promise<number> {
  const created = await mapLimit(patterns, 16, async (pattern) => {
    const { patternId: _id, outcome, outcomeAsOf, ...fields } = storedFields(pattern);
    const { names, values, sets } = outcomeSets(outcome, outcomeAsOf, pattern.interval, now);
    for (const [i, [name, value]] of Object.entries(fields).entries()) {
      if (value === undefined) continue;
      names[`#f${i}`] = name;
      values[`:f${i}`] = value;
      sets.push(`#f${i} = if_not_exists(#f${i}, :f${i})`);
    }
    const written = await updateIf({
      TableName: table,
      Key: patternKey(pattern),
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
  /** The detection's interval: a settled outcome's expiry counts its window's bars at it (expiryOf). */
  interval: string;
  detectedAt: string;
  outcome: Outcome;
  asOf: string;
}

/**
 * The SET clauses of an outcome write at `now`, with their names and values: the outcome, the bar it is as
 * of, and the detection's expiry when this outcome settles it under a retention (expiryOf).
 */
function outcomeSets(outcome: Outcome, asOf: string, interval: string, now: Date) {
  const names: Record<string, string> = { "#outcome": "outcome", "#asOf": "outcomeAsOf" };
  const values: Record<string, unknown> = { ":outcome": outcome, ":asOf": asOf };
  const sets = ["#outcome = :outcome", "#asOf = :asOf"];
  for (const [attribute, expiry] of Object.entries(expiryOf(outcome, interval, now))) {
    names["#expires"] = attribute;
    values[":expires"] = expiry;
    sets.push("#expires = :expires");
  }
  return { names, values, sets };
}

/**
 * Writes outcomes to their stored detections, each only over an older one: a replayed or repeated
 * update finds its own (or a newer) outcome there and changes nothing. A detection not stored is left
 * absent. An outcome that settles its detection starts its retention at `now` (expiryOf). Returns how
 * many records changed.
 */
export async function recordOutcomes(updates: readonly OutcomeUpdate[], now = new Date()): Promise<number> {
  const table = linked("TradingPatterns", "name");
  const changed = await mapLimit(updates, 16, async ({ patternId, interval, detectedAt, outcome, asOf }) => {
    const { names, values, sets } = outcomeSets(outcome, asOf, interval, now);
    const moved = await updateIf({
      TableName: table,
      Key: patternKey({ patternId, detectedAt }),
      UpdateExpression: `SET ${sets.join(", ")}`,
      ConditionExpression: "attribute_exists(#id) AND (attribute_not_exists(#asOf) OR #asOf < :asOf)",
      ExpressionAttributeNames: { ...names, "#id": SPEC.partitionKey },
      ExpressionAttributeValues: values,
    });
    return moved === undefined ? 0 : 1;
  });
  return changed.reduce((sum: number, n) => sum + n, 0);
}
