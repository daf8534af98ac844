// What the system has produced so far, counted in its tables: the numbers of the progress line.

import { type DynamoDBClient, ScanCommand, type ScanCommandInput } from "@aws-sdk/client-dynamodb";
import { RESOLVED_STATUSES, type ResolvedStatus } from "@stock-patterns/core";
import type { TableName } from "@stock-patterns/core/catalog";
import { SENT_AT } from "@stock-patterns/functions/src/alerts/sent-at";

/** Counts for the progress line and the summary. */
export interface SystemStats {
  detections: number;
  alerts: Record<string, number>;
  approvalsPending: number;
  /** Detections whose outcome has a breakout. */
  breakouts: number;
  /** Detections resolved, by how they ended. */
  resolved: Record<ResolvedStatus, number>;
  /** Lifecycle messages sent on TradingAlerts (each marked on its alert when sent), by event. */
  lifecycle: Record<keyof typeof SENT_AT, number>;
}

type Item = Record<string, { S?: string; M?: Record<string, { S?: string; M?: unknown; NULL?: boolean }> }>;

async function scanAll(client: DynamoDBClient, input: ScanCommandInput, each: (item: Item) => void) {
  let ExclusiveStartKey: ScanCommandInput["ExclusiveStartKey"];
  do {
    const page = await client.send(new ScanCommand({ ...input, ExclusiveStartKey }));
    for (const item of page.Items ?? []) each(item as Item);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/**
 * Count stored detections (with their breakouts and resolutions), alerts by severity (with the lifecycle
 * messages sent for them) and approvals still pending.
 *
 * @example
 * const stats = await systemStats(dynamoDbClient(endpoints.dynamodb), resources.tables);
 */
export async function systemStats(
  client: DynamoDBClient,
  tables: Record<TableName, string>,
): Promise<SystemStats> {
  const stats: SystemStats = {
    detections: 0,
    alerts: {},
    approvalsPending: 0,
    breakouts: 0,
    resolved: Object.fromEntries(RESOLVED_STATUSES.map((status) => [status, 0])) as SystemStats["resolved"],
    lifecycle: { breakout: 0, resolved: 0 },
  };
  const resolved: readonly string[] = RESOLVED_STATUSES;
  await Promise.all([
    scanAll(
      client,
      {
        TableName: tables.TradingPatterns,
        ProjectionExpression: "#outcome.#status, #outcome.#breakout",
        ExpressionAttributeNames: { "#outcome": "outcome", "#status": "status", "#breakout": "breakout" },
      },
      (item) => {
        stats.detections += 1;
        const outcome = item.outcome?.M;
        if (outcome?.breakout?.M) stats.breakouts += 1;
        const status = outcome?.status?.S;
        if (status && resolved.includes(status)) stats.resolved[status as ResolvedStatus] += 1;
      },
    ),
    scanAll(
      client,
      {
        TableName: tables.Alerts,
        ProjectionExpression: "#severity, #breakout, #resolved",
        ExpressionAttributeNames: {
          "#severity": "severity",
          "#breakout": SENT_AT.breakout,
          "#resolved": SENT_AT.resolved,
        },
      },
      (item) => {
        const severity = item.severity?.S ?? "UNKNOWN";
        stats.alerts[severity] = (stats.alerts[severity] ?? 0) + 1;
        if (item[SENT_AT.breakout]) stats.lifecycle.breakout += 1;
        if (item[SENT_AT.resolved]) stats.lifecycle.resolved += 1;
      },
    ),
    scanAll(
      client,
      {
        TableName: tables.ApprovalTracking,
        ProjectionExpression: "#status",
        ExpressionAttributeNames: { "#status": "status" },
      },
      (item) => {
        if (item.status?.S === "PENDING") stats.approvalsPending += 1;
      },
    ),
  ]);
  return stats;
}
