// What the system has produced so far, counted in its tables: the numbers of the progress line.

import { type DynamoDBClient, ScanCommand, type ScanCommandInput } from "@aws-sdk/client-dynamodb";
import type { TableName } from "@stock-patterns/core/catalog";

/** Counts for the progress line. */
export interface SystemStats {
  detections: number;
  alerts: Record<string, number>;
  approvalsPending: number;
}

async function scanAll(
  client: DynamoDBClient,
  input: ScanCommandInput,
  each: (item: Record<string, { S?: string }>) => void,
) {
  let ExclusiveStartKey: ScanCommandInput["ExclusiveStartKey"];
  do {
    const page = await client.send(new ScanCommand({ ...input, ExclusiveStartKey }));
    for (const item of page.Items ?? []) each(item);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

async function countAll(client: DynamoDBClient, TableName: string): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: ScanCommandInput["ExclusiveStartKey"];
  do {
    const page = await client.send(new ScanCommand({ TableName, Select: "COUNT", ExclusiveStartKey }));
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

/**
 * Count stored detections, alerts by severity and approvals still pending.
 *
 * @example
 * const stats = await systemStats(dynamoDbClient(endpoints.dynamodb), resources.tables);
 */
export async function systemStats(
  client: DynamoDBClient,
  tables: Record<TableName, string>,
): Promise<SystemStats> {
  const alerts: Record<string, number> = {};
  let approvalsPending = 0;
  const [detections] = await Promise.all([
    countAll(client, tables.TradingPatterns),
    scanAll(
      client,
      {
        TableName: tables.Alerts,
        ProjectionExpression: "#severity",
        ExpressionAttributeNames: { "#severity": "severity" },
      },
      (item) => {
        const severity = item.severity?.S ?? "UNKNOWN";
        alerts[severity] = (alerts[severity] ?? 0) + 1;
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
        if (item.status?.S === "PENDING") approvalsPending += 1;
      },
    ),
  ]);
  return { detections, alerts, approvalsPending };
}
