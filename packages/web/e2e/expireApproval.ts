// Lets an approval's hour pass at once: moves its deadline into the past in the ApprovalTracking table.
import { type ApprovalTimes, sha256Hex } from "@stock-patterns/core";
import { TABLES } from "@stock-patterns/core/catalog";
import { callDynamo } from "./localDynamo";

const { partitionKey } = TABLES.ApprovalTracking;
const deadline: keyof ApprovalTimes = "deadlineEpoch";

/**
 * Sets the approval of `token` to have expired a minute ago.
 * @example await expireApproval(system.endpoints.dynamodb, system.resources.tables.ApprovalTracking, token);
 */
export async function expireApproval(endpoint: string, table: string, token: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  await callDynamo(endpoint, "UpdateItem", {
    TableName: table,
    Key: { [partitionKey]: { S: sha256Hex(token) } },
    UpdateExpression: `SET ${deadline} = :epoch, expiresAt = :iso`,
    ConditionExpression: `attribute_exists(${partitionKey})`,
    ExpressionAttributeValues: {
      ":epoch": { N: String(Math.floor(past.getTime() / 1000)) },
      ":iso": { S: past.toISOString() },
    },
  });
}
