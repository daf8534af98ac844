// A data directory's tables made before the catalog added an index (ApprovalTracking's openByDeadline) are
// given it when a system starts on the directory again, their items kept.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AttributeValue,
  CreateTableCommand,
  DescribeTableCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { TABLES, type TableSpec } from "@stock-patterns/core/catalog";
import { afterEach, describe, expect, it } from "vitest";
import { startDynamoDb } from "../servers/dynamodb";
import { dynamoDbClient } from "./clients";
import { createTableInput, createTables } from "./tables";

const SPEC: TableSpec = TABLES.ApprovalTracking;
const [byAlert, open] = TABLES.ApprovalTracking.indexes;
/** ApprovalTracking as the catalog described it before openByDeadline. */
const BEFORE: TableSpec = {
  ...SPEC,
  attributes: { tokenHash: "S", alertId: "S" },
  indexes: [byAlert],
};

/** Approvals as a data directory kept them: all without openFeed, but the `open` ones (written by this version). */
function approval(i: number, opened: boolean): Record<string, AttributeValue> {
  return {
    tokenHash: { S: i.toString(16).padStart(64, "0") },
    alertId: { S: `alr_${i}` },
    status: { S: opened ? "PENDING" : "APPROVED" },
    deadlineEpoch: { N: String(1_700_000_000 + i) },
    ...(opened ? { [open.partitionKey]: { S: "open" } } : {}),
  };
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("createTables on a data directory", () => {
  it("adds an index the catalog gained since, keeping every item, and leaves a current table alone", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tables-"));
    dirs.push(dir);
    const first = await startDynamoDb(dir);
    const before = dynamoDbClient(first.endpoint);
    await before.send(new CreateTableCommand(createTableInput("ApprovalTracking", BEFORE)));
    // dynalite answers "not found" to a write on a table still CREATING (a fresh-clone CI run at 12:22, 6 Dec).
    await waitUntilTableExists(
      { client: before, maxWaitTime: 60, minDelay: 0.05 },
      { TableName: "ApprovalTracking" },
    );
    for (let i = 0; i < 60; i++) {
      await before.send(
        new PutItemCommand({ TableName: "ApprovalTracking", Item: approval(i, i % 20 === 0) }),
      );
    }
    before.destroy();
    await first.stop();

    const again = await startDynamoDb(dir);
    const client = dynamoDbClient(again.endpoint);
    try {
      for (let start = 0; start < 2; start++) {
        await createTables(client);
        const { Table } = await client.send(new DescribeTableCommand({ TableName: "ApprovalTracking" }));
        expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
          [byAlert.name, open.name].sort(),
        );
        const { Items } = await client.send(new ScanCommand({ TableName: "ApprovalTracking" }));
        expect(Items?.map((item) => item.tokenHash?.S).sort()).toEqual(
          Array.from({ length: 60 }, (_, i) => approval(i, false).tokenHash?.S).sort(),
        );
        const opened = await client.send(
          new QueryCommand({
            TableName: "ApprovalTracking",
            IndexName: open.name,
            KeyConditionExpression: "#open = :open",
            ExpressionAttributeNames: { "#open": open.partitionKey },
            ExpressionAttributeValues: { ":open": { S: "open" } },
          }),
        );
        expect(opened.Items?.map((item) => item.alertId?.S)).toEqual(["alr_0", "alr_20", "alr_40"]);
      }
    } finally {
      client.destroy();
      await again.stop();
    }
  });

  it("gives a kept index the catalog's projection when it changed (Alerts' bySymbol: all attributes, then status and severity)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tables-"));
    dirs.push(dir);
    const alerts: TableSpec = TABLES.Alerts;
    const allAttributes: TableSpec = {
      ...alerts,
      indexes: alerts.indexes?.map(({ name, partitionKey, sortKey, keysOnly }) => ({
        name,
        partitionKey,
        sortKey,
        keysOnly,
      })),
    };
    const alert = (i: number): Record<string, AttributeValue> => ({
      alertId: { S: `alr_${i}` },
      symbol: { S: "ACME" },
      createdAt: { S: `2026-12-05T00:00:0${i}.000Z` },
      status: { S: "PUBLISHED" },
      severity: { S: "HIGH" },
      message: { S: "a message the index no longer holds" },
    });
    const first = await startDynamoDb(dir);
    const before = dynamoDbClient(first.endpoint);
    await before.send(new CreateTableCommand(createTableInput("Alerts", allAttributes)));
    // dynalite answers a write to a table still CREATING "not found" (a CI run under load met it).
    await waitUntilTableExists({ client: before, maxWaitTime: 60, minDelay: 0.05 }, { TableName: "Alerts" });
    for (let i = 0; i < 3; i++)
      await before.send(new PutItemCommand({ TableName: "Alerts", Item: alert(i) }));
    before.destroy();
    await first.stop();

    const again = await startDynamoDb(dir);
    const client = dynamoDbClient(again.endpoint);
    try {
      await createTables(client);
      const { Table } = await client.send(new DescribeTableCommand({ TableName: "Alerts" }));
      const bySymbol = Table?.GlobalSecondaryIndexes?.find((index) => index.IndexName === "bySymbol");
      expect(bySymbol?.Projection).toEqual({
        ProjectionType: "INCLUDE",
        NonKeyAttributes: ["status", "severity"],
      });
      const { Items } = await client.send(
        new QueryCommand({
          TableName: "Alerts",
          IndexName: "bySymbol",
          KeyConditionExpression: "symbol = :symbol",
          ExpressionAttributeValues: { ":symbol": { S: "ACME" } },
        }),
      );
      expect(Items).toEqual(
        [0, 1, 2].map((i) => {
          const { message: _message, ...entry } = alert(i);
          return entry;
        }),
      );
      const { Items: kept } = await client.send(new ScanCommand({ TableName: "Alerts" }));
      expect(kept).toHaveLength(3);
      expect(kept).toContainEqual(alert(1));
    } finally {
      client.destroy();
      await again.stop();
    }
  });
});
