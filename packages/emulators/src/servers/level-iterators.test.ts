// dynalite closes the iterator behind each Scan and Query (level-iterators.ts): 2,000 of them leave the
// memory they read with the collector, where each had kept about 4 KB for the emulator's life.

import { setTimeout as sleep } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { PutItemCommand, QueryCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { TABLES } from "@stock-patterns/core/catalog";
import { describe, expect, it } from "vitest";
import { dynamoDbClient } from "../resources/clients";
import { createTables } from "../resources/tables";
import { startDynamoDb } from "./dynamodb";

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/**
 * The MiB held in array buffers (where Node's pooled Buffers live, and level's keys with them) once
 * collected: the least of five collections a tenth of a second apart, since V8 may free the buffers a
 * collection found dead on a background thread after it returns (a loaded CI machine read 7.5 MiB once).
 * What is still referenced stays through all five.
 */
async function heldMiB(): Promise<number> {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    collect();
    await sleep(100);
    least = Math.min(least, process.memoryUsage().arrayBuffers / 2 ** 20);
  }
  return least;
}

describe("the DynamoDB emulator's reads", () => {
  it("keep nothing once answered: 2,000 Scans and Queries leave the array buffers as they were", async () => {
    const emulator = await startDynamoDb();
    const client = dynamoDbClient(emulator.endpoint);
    await createTables(client);
    const table = "SymbolWindows";
    const key = TABLES.SymbolWindows.partitionKey;
    for (let i = 0; i < 20; i++)
      await client.send(new PutItemCommand({ TableName: table, Item: { [key]: { S: `SYM${i}#1d` } } }));
    await client.send(new ScanCommand({ TableName: table }));
    const before = await heldMiB();
    for (let n = 0; n < 1000; n++) {
      await client.send(new ScanCommand({ TableName: table }));
      await client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: "#k = :k",
          ExpressionAttributeNames: { "#k": key },
          ExpressionAttributeValues: { ":k": { S: "SYM1#1d" } },
        }),
      );
    }
    // Unclosed, they kept 7 to 8 MiB here (an 8 KiB pool slab for about every two reads).
    expect((await heldMiB()) - before).toBeLessThan(2);
    client.destroy();
    await emulator.stop();
  }, 60_000);
});
