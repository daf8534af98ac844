// Stores many alerts at once in the local system's Alerts table, as raised alerts sit there (in the feed the
// history reads), and other items as stored, for tests that need more than raising them one by one would give in time.
import type { Alert } from "@stock-patterns/core";
import { shardedFeed, TABLES } from "@stock-patterns/core/catalog";
import { callDynamo } from "./localDynamo";

/** BatchWriteItem takes at most 25 items a call. */
const BATCH = 25;
const { indexes } = TABLES.Alerts;
/** The feed of the byCreatedAt index every alert sits in, under its shard (FEED in functions' alerts/alert-table.ts). */
const FEED = "alerts";

type AttributeValue = { S: string } | { N: string } | { M: Record<string, AttributeValue> };

function attribute(value: unknown): AttributeValue {
  if (typeof value === "number") return { N: String(value) };
  if (typeof value === "object" && value !== null) return { M: item(value as Record<string, unknown>) };
  return { S: String(value) };
}

function item(fields: Record<string, unknown>): Record<string, AttributeValue> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, attribute(value)]),
  );
}

/**
 * Writes `items` (plain objects of strings, numbers and maps) to `table`, 25 a call, retrying what DynamoDB
 * leaves unprocessed.
 * @example await putItems(system.endpoints.dynamodb, system.resources.tables.ApprovalTracking, approvals);
 */
export async function putItems(
  endpoint: string,
  table: string,
  items: readonly Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) {
    let requests = items.slice(i, i + BATCH).map((fields) => ({ PutRequest: { Item: item(fields) } }));
    while (requests.length > 0) {
      const answer = await callDynamo<{ UnprocessedItems?: Record<string, typeof requests> }>(
        endpoint,
        "BatchWriteItem",
        { RequestItems: { [table]: requests } },
      );
      requests = answer.UnprocessedItems?.[table] ?? [];
    }
  }
}

/**
 * Writes `alerts` to the Alerts table (each in the history's feed, under its shard), retrying what DynamoDB leaves unprocessed.
 * @example await seedAlerts(system.endpoints.dynamodb, system.resources.tables.Alerts, alerts);
 */
export async function seedAlerts(endpoint: string, table: string, alerts: readonly Alert[]): Promise<void> {
  const feed = (alert: Alert) => ({ [indexes[0].partitionKey]: shardedFeed(FEED, alert.alertId) });
  await putItems(
    endpoint,
    table,
    alerts.map((alert) => ({ ...alert, ...feed(alert) })),
  );
}
