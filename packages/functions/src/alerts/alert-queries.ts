// Reads across the Alerts table: GET /alerts' pages, the sweep's unfinished alerts, the alerts that name
// each detection (per-alert reads and writes: repository.ts).

import { z } from "zod";
import { linked } from "#config";
import { cursorShape, keyText, type Page, queryAll, readPage, scanAll } from "#repositories";
import type { Alert, AlertStatus } from "./alert";
import { FEED, INDEX, SPEC, strip } from "./alert-table";
import { getAlerts } from "./repository";
import { SENT_AT } from "./sent-at";

/** Filters of `GET /alerts`. */
export interface AlertQuery {
  status?: AlertStatus;
  severity?: string;
  symbol?: string;
  limit: number;
  cursor?: string;
}

/** Alerts, newest first, optionally filtered. */
export async function listAlerts(query: AlertQuery): Promise<Page<Alert>> {
  const names: Record<string, string> = { "#feed": INDEX.partitionKey };
  const values: Record<string, unknown> = { ":feed": FEED };
  const filters: string[] = [];
  for (const field of ["status", "severity", "symbol"] as const) {
    const value = query[field];
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    filters.push(`#${field} = :${field}`);
  }
  const page = await readPage<Record<string, unknown>>(
    "query",
    {
      TableName: linked("Alerts", "name"),
      IndexName: INDEX.name,
      KeyConditionExpression: "#feed = :feed",
      FilterExpression: filters.length > 0 ? filters.join(" AND ") : undefined,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    },
    query.limit,
    cursorShape({
      [SPEC.partitionKey]: keyText,
      [INDEX.partitionKey]: z.literal(FEED),
      [INDEX.sortKey]: keyText,
    }),
    query.cursor,
  );
  return { items: page.items.map(strip), cursor: page.cursor };
}

/**
 * Alerts created between `since` and `until` (ISO) that may be stranded: QUEUED, PENDING_APPROVAL,
 * APPROVED without having been published, or a detection's alert out on TradingAlerts whose past events
 * the sweep has not made sure of (no `caughtUpAt`) and whose resolution is not told. For the sweep;
 * reads every page of the index, then each alert found as its item stands (one batch read per 100).
 */
export async function unfinishedAlerts(since: string, until: string): Promise<Alert[]> {
  // The index only says where to look: its copy of an alert may be older than the item (on AWS a global
  // index is eventually consistent) or newer (dynalite stores the index entry first, so `npm start --data-dir`
  // killed between the two left a copy claimed or PUBLISHED whose item is QUEUED, and a sweep that went by
  // the copy left it QUEUED). What the sweep decides, and the conditions of its writes, come from the item.
  const found = await unfinishedInIndex(since, until);
  return [...(await getAlerts(found.map((alert) => alert.alertId))).values()];
}

/** The index's copies of the alerts unfinishedAlerts looks at. */
async function unfinishedInIndex(since: string, until: string): Promise<Alert[]> {
  const found = await queryAll({
    TableName: linked("Alerts", "name"),
    IndexName: INDEX.name,
    KeyConditionExpression: "#feed = :feed AND #created BETWEEN :since AND :until",
    FilterExpression:
      "#status IN (:queued, :pending) OR (#status = :approved AND attribute_not_exists(#published)) OR " +
      "(#status IN (:published, :approved) AND attribute_exists(#published) AND attribute_exists(#pattern)" +
      " AND attribute_not_exists(#caughtUp) AND attribute_not_exists(#resolvedSent))",
    ExpressionAttributeNames: {
      "#feed": INDEX.partitionKey,
      "#created": INDEX.sortKey,
      "#status": "status",
      "#published": "publishedAt",
      "#pattern": "patternId",
      "#caughtUp": "caughtUpAt",
      "#resolvedSent": SENT_AT.resolved,
    },
    ExpressionAttributeValues: {
      ":feed": FEED,
      ":since": since,
      ":until": until,
      ":queued": "QUEUED",
      ":pending": "PENDING_APPROVAL",
      ":approved": "APPROVED",
      ":published": "PUBLISHED",
    },
  });
  return found.map(strip);
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
