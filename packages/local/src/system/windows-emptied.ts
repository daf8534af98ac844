// After DynamoDB's store was mended, the stream is read again from its oldest record; the series' windows
// are emptied first when the stream still holds every record put on it, so that every bar is applied again
// and what the repair lost is stored again (store-repairs.ts says which was done).

import {
  dynamoDbClient,
  type Endpoints,
  emptyTable,
  holdsEveryRecord,
  kinesisClient,
  type LocalResources,
  streamHistory,
} from "@stock-patterns/emulators";
import type { readiness } from "./readiness";

/**
 * Empties SymbolWindows when the market-data stream holds every record put on it (made less than its
 * retention ago: holdsEveryRecord) and resolves true; resolves false, the windows kept, when it may have let
 * records go, whose bars the windows alone keep. Within the start's time (`ready`).
 *
 * @example
 * if (await emptiedWindows(emulated, resources, ready)) ... // the stream read again rebuilds them
 */
export async function emptiedWindows(
  endpoints: Pick<Endpoints, "dynamodb" | "kinesis">,
  resources: Pick<LocalResources, "tables" | "stream">,
  ready: ReturnType<typeof readiness>,
): Promise<boolean> {
  const stream = kinesisClient(endpoints.kinesis);
  const dynamo = dynamoDbClient(endpoints.dynamodb);
  try {
    return await ready.part("the series' windows emptied", async () => {
      if (!holdsEveryRecord(await streamHistory(stream, resources.stream.name))) return false;
      await emptyTable(dynamo, "SymbolWindows", resources.tables.SymbolWindows);
      return true;
    });
  } finally {
    stream.destroy();
    dynamo.destroy();
  }
}
