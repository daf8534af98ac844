// Lets an approval's hour pass at once: moves its expiry into the past in the ApprovalTracking table,
// speaking DynamoDB's JSON protocol to the local emulator (which checks a signature's form, not its value).
import { sha256Hex } from "@stock-patterns/core";
import { TABLES } from "@stock-patterns/core/catalog";

const { partitionKey, ttlAttribute } = TABLES.ApprovalTracking;

/**
 * Sets the approval of `token` to have expired a minute ago.
 * @example await expireApproval(system.endpoints.dynamodb, system.resources.tables.ApprovalTracking, token);
 */
export async function expireApproval(endpoint: string, table: string, token: string): Promise<void> {
  const tokenHash = sha256Hex(token);
  const past = new Date(Date.now() - 60_000);
  const amzDate = past.toISOString().replace(/[-:]|\.\d{3}/g, "");
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": "DynamoDB_20120810.UpdateItem",
      "x-amz-date": amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=local/${amzDate.slice(0, 8)}/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`,
    },
    body: JSON.stringify({
      TableName: table,
      Key: { [partitionKey]: { S: tokenHash } },
      UpdateExpression: `SET ${ttlAttribute} = :epoch, expiresAt = :iso`,
      ConditionExpression: `attribute_exists(${partitionKey})`,
      ExpressionAttributeValues: {
        ":epoch": { N: String(Math.floor(past.getTime() / 1000)) },
        ":iso": { S: past.toISOString() },
      },
    }),
  });
  if (!response.ok) throw new Error(`UpdateItem answered ${response.status}: ${await response.text()}`);
}
