// The DynamoDB emulator counts each item's single-item writes, made or refused by their condition, by the
// item's key: what docs/capacity.md's hot-key audit counts per alert.

import {
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { TABLES } from "@stock-patterns/core/catalog";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamoDbClient } from "../resources/clients";
import { createTables } from "../resources/tables";
import { type DynamoDbEmulator, startDynamoDb, updatedAttributes } from "./dynamodb";

let emulator: DynamoDbEmulator;
let client: DynamoDBClient;
let tables: Awaited<ReturnType<typeof createTables>>;

beforeAll(async () => {
  emulator = await startDynamoDb(undefined, 0, { trackItemWrites: true });
  client = dynamoDbClient(emulator.endpoint);
  tables = await createTables(client);
});

afterAll(async () => {
  client.destroy();
  await emulator.stop();
});

describe("itemWrites", () => {
  it("counts each item's puts, updates and deletes by its key, made or refused", async () => {
    const { partitionKey, sortKey } = TABLES.TradingPatterns;
    const key = (id: string) => ({ [partitionKey]: { S: id }, [sortKey]: { S: "2026-12-05T00:00:00.000Z" } });
    const put = (id: string) =>
      client.send(
        new PutItemCommand({
          TableName: tables.TradingPatterns,
          Item: { ...key(id), symbol: { S: "ACME" }, confidence: { N: "70" } },
          ConditionExpression: "attribute_not_exists(#id)",
          ExpressionAttributeNames: { "#id": partitionKey },
        }),
      );
    const raise = (id: string, from: string, to: string) =>
      client.send(
        new UpdateItemCommand({
          TableName: tables.TradingPatterns,
          Key: key(id),
          UpdateExpression: "SET confidence = :to",
          ConditionExpression: "confidence = :from",
          ExpressionAttributeValues: { ":from": { N: from }, ":to": { N: to } },
        }),
      );
    await put("pat_a");
    await put("pat_b");
    await expect(put("pat_a")).rejects.toThrow(/conditional/i);
    await raise("pat_a", "70", "75");
    await expect(raise("pat_a", "70", "80")).rejects.toThrow(/conditional/i);
    await client.send(new DeleteItemCommand({ TableName: tables.TradingPatterns, Key: key("pat_b") }));

    const writes = emulator.itemWrites(tables.TradingPatterns);
    expect(Object.fromEntries(writes)).toEqual({
      "pat_a#2026-12-05T00:00:00.000Z": {
        made: { PutItem: 1, UpdateItem: 1 },
        refused: { PutItem: 1, UpdateItem: 1 },
        // What each made write named: the put every attribute, the update the one it set.
        madeAttributes: [[partitionKey, sortKey, "symbol", "confidence"], ["confidence"]],
      },
      "pat_b#2026-12-05T00:00:00.000Z": {
        made: { PutItem: 1, DeleteItem: 1 },
        refused: {},
        madeAttributes: [
          [partitionKey, sortKey, "symbol", "confidence"],
          [partitionKey, sortKey],
        ],
      },
    });
    expect(emulator.itemWrites(tables.Alerts).size).toBe(0);
  });

  it("keeps no writes without trackItemWrites (a long local run would pile them up), and says so when asked", async () => {
    const untracked = await startDynamoDb();
    const untrackedClient = dynamoDbClient(untracked.endpoint);
    try {
      const names = await createTables(untrackedClient);
      const { partitionKey, sortKey } = TABLES.TradingPatterns;
      await untrackedClient.send(
        new PutItemCommand({
          TableName: names.TradingPatterns,
          Item: { [partitionKey]: { S: "pat_c" }, [sortKey]: { S: "2026-12-06T00:00:00.000Z" } },
        }),
      );
      expect(untracked.calls()).toMatchObject({ PutItem: 1 });
      expect(() => untracked.itemWrites(names.TradingPatterns)).toThrow(/started without trackItemWrites/);
    } finally {
      untrackedClient.destroy();
      await untracked.stop();
    }
  });

  it("names the top-level attributes an UpdateExpression writes, through its placeholders", () => {
    expect(
      updatedAttributes(
        "SET #status = :to, #at = if_not_exists(#at, :now), notes[0] = :n, #m.#k = :v REMOVE #feed, token ADD tries :one DELETE tags :t",
        { "#status": "status", "#at": "claimedAt", "#m": "marks", "#k": "sent", "#feed": "unfinishedFeed" },
      ),
    ).toEqual(["status", "claimedAt", "notes", "marks", "unfinishedFeed", "token", "tries", "tags"]);
    // A placeholder spelled like a clause keyword is not one.
    expect(updatedAttributes("SET #set = :remove", { "#set": "set" })).toEqual(["set"]);
  });
});
