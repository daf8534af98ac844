// Reads every page of a Query: for reads that need all of what they ask for (the sweep's), not a page.

import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#aws";

/**
 * Every item `input` selects (as `T`, what the caller stored), its pages read one after the other.
 *
 * @example
 * const open = await queryAll<Approval>({ TableName: linked("ApprovalTracking", "name"), IndexName: "openByDeadline", ... });
 */
export async function queryAll<T = Record<string, unknown>>(
  input: Omit<QueryCommandInput, "ExclusiveStartKey">,
): Promise<T[]> {
  const found: T[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey }));
    found.push(...((page.Items ?? []) as T[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return found;
}
