// Conditional writes: DynamoDB refusing one because its condition did not hold is an answer, not an error.

import {
  PutCommand,
  type PutCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
  type UpdateCommandOutput,
} from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#aws";

/** Whether an error is DynamoDB's answer to a failed ConditionExpression. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

/**
 * Makes a conditional UpdateItem. Returns its output, or undefined when the condition did not hold;
 * any other failure is thrown.
 *
 * @example
 * const made = (await updateIf({ TableName, Key, UpdateExpression, ConditionExpression })) !== undefined;
 */
export async function updateIf(input: UpdateCommandInput): Promise<UpdateCommandOutput | undefined> {
  try {
    return await dynamo().send(new UpdateCommand(input));
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/**
 * Makes a conditional PutItem. Returns false when the condition did not hold (e.g. the item exists).
 *
 * @example
 * await putIf({ TableName, Item, ConditionExpression: "attribute_not_exists(#id)", ExpressionAttributeNames })
 */
export async function putIf(input: PutCommandInput): Promise<boolean> {
  try {
    await dynamo().send(new PutCommand(input));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
