// Lets an alert's retention pass at once: moves its expiry into the past in the Alerts table (dynalite never
// deletes it; the API answers 404 for it from then on).
import { TABLES } from "@stock-patterns/core/catalog";
import { callDynamo } from "./localDynamo";
import type { TestSystem } from "./testSystem";

const { partitionKey, ttlAttribute } = TABLES.Alerts;

/**
 * Sets the alert `alertId` of the local system to have passed its retention a minute ago.
 * @example await expireAlert(local, alertId);
 */
export async function expireAlert(local: TestSystem, alertId: string): Promise<void> {
  await callDynamo(local.system.endpoints.dynamodb, "UpdateItem", {
    TableName: local.system.resources.tables.Alerts,
    Key: { [partitionKey]: { S: alertId } },
    UpdateExpression: "SET #expires = :past",
    ExpressionAttributeNames: { "#expires": ttlAttribute },
    ExpressionAttributeValues: { ":past": { N: String(Math.floor(Date.now() / 1000) - 60) } },
  });
}
