// Reads a whole table a page at a time: the operator's repairs, and the ThresholdChecker's windows.

import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#aws";
import { projectionOf } from "./projection";

/**
 * Every item of a table, a page at a time, only `attributes`; `onPage` hears the running count.
 *
 * @example
 * for await (const item of scanAll(linked("Alerts", "name"), ["alertId", "patternId"])) count += 1;
 */
export async function* scanAll(
  table: string,
  attributes: readonly string[],
  onPage: (scanned: number) => void = () => {},
): AsyncGenerator<Record<string, unknown>> {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  let scanned = 0;
  do {
    const page = await dynamo().send(
      new ScanCommand({
        TableName: table,
        ...projectionOf(attributes),
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) yield item;
    scanned += page.Items?.length ?? 0;
    onPage(scanned);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}
