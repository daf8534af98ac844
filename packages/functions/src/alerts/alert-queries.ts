// Reads across the Alerts table: GET /alerts' pages (the feed of every symbol, or one symbol's alerts), the
// sweep's unfinished alerts (and the upkeep of their index), the alerts that name each detection (per-alert
// reads and writes: repository.ts).

import { linked } from "#config";
import { logger } from "#observability";
import {
  KEYS_A_ROUND,
  keptFilter,
  type Page,
  queryInOrder,
  readMergedPage,
  readPage,
  scanAll,
} from "#repositories";
import { mapLimit } from "#util";
import type { Alert, AlertStatus } from "./alert";
import {
  BY_SYMBOL,
  FEED_CURSOR,
  FEEDS,
  INDEX,
  SPEC,
  strip,
  symbolCursor,
  UNFINISHED,
  UNFINISHED_FEEDS,
} from "./alert-table";
import { getAlerts, leaveUnfinished } from "./repository";
import { SENT_AT } from "./sent-at";

/** Filters of `GET /alerts`. */
export interface AlertQuery {
  status?: AlertStatus;
  severity?: string;
  symbol?: string;
  limit: number;
  cursor?: string;
}

/** A page's filter on the query's status and severity, as a FilterExpression's parts. */
function matching(query: AlertQuery) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  for (const field of ["status", "severity"] as const) {
    const value = query[field];
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    filters.push(`#${field} = :${field}`);
  }
  return { names, values, filters };
}

/**
 * Alerts, newest first, optionally filtered: one symbol's from the bySymbol index (symbolAlerts), every
 * symbol's from the feed of the byCreatedAt index, its shards (and the value before them) read at once and
 * merged by creation time (readMergedPage). A cursor resumes only the listing that issued it. An alert
 * whose retention has passed (RECORD_RETENTION_DAYS), which DynamoDB has not deleted yet, is left out
 * (filtered after the read, so a page may hold fewer than `limit`).
 */
export async function listAlerts(query: AlertQuery, now = new Date()): Promise<Page<Alert>> {
  if (query.symbol !== undefined) return symbolAlerts(query.symbol, query);
  const { names, values, filters } = matching(query);
  const kept = keptFilter(SPEC.ttlAttribute, now);
  Object.assign(names, kept.names);
  Object.assign(values, kept.values);
  filters.unshift(kept.expression);
  const page = await readMergedPage<Record<string, unknown>>(
    {
      input: {
        TableName: linked("Alerts", "name"),
        IndexName: "byCreatedAt" satisfies typeof INDEX.name,
        FilterExpression: filters.join(" AND "),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
      tableKey: SPEC.partitionKey,
      partitionKey: INDEX.partitionKey,
      sortKey: INDEX.sortKey,
      values: FEEDS,
      cursor: FEED_CURSOR,
      sparse: filters.length > 1,
    },
    query.limit,
    query.cursor,
  );
  return { items: page.items.map(strip), cursor: page.cursor };
}

/**
 * One symbol's alerts, newest first, from its partition of the bySymbol index, status and severity as
 * filters there: a page reads that symbol's alerts only, however many of other symbols were raised since.
 * The index says which alerts; the page's alerts are then read from the table in one batch (getAlerts),
 * and an alert gone from it, past its retention (the index holds no expiry: getAlerts passes it over), or
 * moved out of the status asked for since the index listed it (the index is eventually consistent), is
 * left out. Its cursor carries the symbol, so a feed's cursor, or another
 * symbol's, is refused (InvalidCursorError: 400), as this one is on the feed.
 */
async function symbolAlerts(symbol: string, query: AlertQuery): Promise<Page<Alert>> {
  const { names, values, filters } = matching(query);
  names["#symbol"] = BY_SYMBOL.partitionKey;
  values[":symbol"] = symbol;
  const page = await readPage<Record<string, unknown>>(
    "query",
    {
      TableName: linked("Alerts", "name"),
      IndexName: "bySymbol" satisfies typeof BY_SYMBOL.name,
      KeyConditionExpression: "#symbol = :symbol",
      FilterExpression: filters.length > 0 ? filters.join(" AND ") : undefined,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    },
    query.limit,
    symbolCursor(symbol),
    query.cursor,
  );
  const ids = page.items.map((entry) => entry[SPEC.partitionKey] as string);
  const stored = await getAlerts(ids);
  const items = ids.flatMap((id) => {
    const alert = stored.get(id);
    return alert && (query.status === undefined || alert.status === query.status) ? [alert] : [];
  });
  return { items, cursor: page.cursor };
}

/**
 * Whether an alert may be stranded, so the sweep looks at it: QUEUED, PENDING_APPROVAL, APPROVED without
 * having been published, or a detection's alert out on TradingAlerts whose catch-up is not done (no
 * `caughtUpAt`: another producer than the stream raised it, or its publisher stopped before, or is still
 * at it) and whose resolution is not told (a resolution goes out after the breakout it followed, which the
 * consumer sends first when unmarked: tellLifecycle). Once false it stays false: no move leaves PUBLISHED, REJECTED
 * or EXPIRED, `publishedAt` is never taken back, and neither is `caughtUpAt` or the resolution's mark
 * (unmarkAlert cannot take them).
 *
 * @example
 * mayBeStranded({ ...alert, status: "REJECTED" }) // false
 */
export function mayBeStranded(alert: Alert): boolean {
  const { status, publishedAt } = alert;
  if (status === "QUEUED" || status === "PENDING_APPROVAL") return true;
  if (status === "APPROVED" && publishedAt === undefined) return true;
  return (
    (status === "PUBLISHED" || status === "APPROVED") &&
    publishedAt !== undefined &&
    alert.patternId !== undefined &&
    alert.caughtUpAt === undefined &&
    alert[SENT_AT.resolved] === undefined
  );
}

/** Alerts taken out of the unfinished index at once. */
const CONCURRENCY = 8;

/**
 * The alerts the sweep reads, and heals, together (unfinishedAlerts' chunks). As many as one round of batch
 * calls reads (KEYS_A_ROUND: 8 calls of 100 keys at once), so a chunk's alerts take one round trip and its
 * approvals another, as many round trips as reading every candidate at once took (72,000 waiting: 90 rounds
 * either way); and a run holds two chunks' alerts (the next one read while one is healed: recovery/sweep.ts)
 * and one chunk's approvals, under 2 MB (docs/capacity.md), not every waiting alert's.
 */
export const UNFINISHED_CHUNK = KEYS_A_ROUND;

type Key = Record<string, string>;

/**
 * Alerts created between `since` and `until` (ISO) that may be stranded (mayBeStranded), as their items
 * stand, in chunks of up to UNFINISHED_CHUNK: each chunk read when the one before has been taken. For the
 * sweep: reads the keys the unfinished index holds in that time (every alert not yet seen finished, nor
 * caught up by its publisher), a chunk's worth at a time, then the chunk's alerts themselves (one batch read
 * per 100), and takes those it finds finished out of the index, so the next sweep reads them no more. An
 * alert that could not be taken out (a failed write, logged) is read and tried again by the next sweep. Each
 * of the index's key values is read (its shards' and the one before them), a page of each at once, merged
 * so that the alerts come oldest first. With `unindexed`, then also the alerts stored before the index
 * (without `unfinishedFeed`), from the feed of every alert: a read of every alert in that time, as each
 * sweep made before the index.
 *
 * @example
 * for await (const stranded of unfinishedAlerts(dayAgo.toISOString(), graceAgo.toISOString())) …
 */
export async function* unfinishedAlerts(
  since: string,
  until: string,
  unindexed = false,
): AsyncGenerator<Alert[]> {
  // The index only says where to look: what the sweep decides, and the conditions of its writes, come from
  // the item (on AWS a global index is eventually consistent; dynalite stores the index entry first, so
  // `npm start --data-dir` killed between the two can leave an index entry whose item is older).
  const created = { "#created": UNFINISHED.sortKey };
  const range = { ":since": since, ":until": until };
  // Each key value's Query at once (their number bounds them: nine). Before the expiry's claim (fc87505) two
  // overlapping runs that reached the approvals' expiry together both told the approvers
  // (threshold-checker-overlap.test.ts), so these went one after another; the claim lets one run tell.
  const indexed = queryInOrder<Key>(
    UNFINISHED_FEEDS.map((feed) => ({
      TableName: linked("Alerts", "name"),
      IndexName: "unfinishedByCreatedAt" satisfies typeof UNFINISHED.name,
      KeyConditionExpression: "#feed = :feed AND #created BETWEEN :since AND :until",
      ExpressionAttributeNames: { "#feed": UNFINISHED.partitionKey, ...created },
      ExpressionAttributeValues: { ":feed": feed, ...range },
      Limit: UNFINISHED_CHUNK,
    })),
    oldestFirst,
  );
  yield* strandedInChunks(indexed, true);
  if (!unindexed) return;
  const before = queryInOrder<Key>(
    FEEDS.map((feed) => ({
      TableName: linked("Alerts", "name"),
      IndexName: "byCreatedAt" satisfies typeof INDEX.name,
      KeyConditionExpression: "#feed = :feed AND #created BETWEEN :since AND :until",
      FilterExpression: "attribute_not_exists(#unfinished)",
      ProjectionExpression: "#id, #created",
      ExpressionAttributeNames: {
        "#feed": INDEX.partitionKey,
        "#unfinished": UNFINISHED.partitionKey,
        "#id": SPEC.partitionKey,
        ...created,
      },
      ExpressionAttributeValues: { ":feed": feed, ...range },
      Limit: UNFINISHED_CHUNK,
    })),
    oldestFirst,
  );
  yield* strandedInChunks(before, false);
}

/** The alerts of `keys` that may be stranded, read UNFINISHED_CHUNK at a time; `indexed`: keys of the index. */
async function* strandedInChunks(keys: AsyncIterable<Key>, indexed: boolean): AsyncGenerator<Alert[]> {
  let ids: string[] = [];
  for await (const key of keys) {
    ids.push(key[SPEC.partitionKey] as string);
    if (ids.length < UNFINISHED_CHUNK) continue;
    const stranded = await strandedAmong(ids, indexed);
    ids = [];
    if (stranded.length > 0) yield stranded;
  }
  const stranded = ids.length > 0 ? await strandedAmong(ids, indexed) : [];
  if (stranded.length > 0) yield stranded;
}

/** The alerts of `ids` that may be stranded; those of the index found finished are taken out of it. */
async function strandedAmong(ids: readonly string[], indexed: boolean): Promise<Alert[]> {
  const alerts = [...(await getAlerts(ids)).values()];
  await mapLimit(
    alerts.filter((alert) => indexed && !mayBeStranded(alert)),
    CONCURRENCY,
    async (alert) => {
      try {
        await leaveUnfinished(alert.alertId, alert.status);
      } catch (error) {
        logger.warn("Alert left in the unfinished index", { alertId: alert.alertId, error: error as Error });
      }
    },
  );
  return alerts.filter(mayBeStranded);
}

/** Index entries by creation time, the oldest first (then by id), as one Query of one value reads them. */
function oldestFirst(a: Key, b: Key): number {
  const created = UNFINISHED.sortKey;
  const id = SPEC.partitionKey;
  const [x, y] = [[a[created] ?? "", a[id] ?? ""] as const, [b[created] ?? "", b[id] ?? ""] as const];
  return x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]) ? -1 : x[0] === y[0] && x[1] === y[1] ? 0 : 1;
}

/**
 * The alerts that name each detection, by its id (the alerts' patternId), from a scan of the table: for
 * the operator's repair of detections stored twice.
 *
 * @example
 * const naming = await alertsNamingDetections(); // Map { "pat_3f2a…" => ["alr_…"] }
 */
export async function alertsNamingDetections(): Promise<Map<string, string[]>> {
  const naming = new Map<string, string[]>();
  for await (const item of scanAll(linked("Alerts", "name"), [SPEC.partitionKey, "patternId"])) {
    if (typeof item.patternId !== "string") continue;
    naming.set(item.patternId, [...(naming.get(item.patternId) ?? []), item[SPEC.partitionKey] as string]);
  }
  return naming;
}
