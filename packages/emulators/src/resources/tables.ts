// Every DynamoDB table of the catalog, created in the emulator exactly as the catalog describes it.

import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  ResourceInUseException,
} from "@aws-sdk/client-dynamodb";
import { TABLES, type TableName, type TableSpec } from "@stock-patterns/core/catalog";

/** The CreateTable request for one catalog table (on-demand, keys and indexes as declared). */
export function createTableInput(name: string, spec: TableSpec): CreateTableCommandInput {
  const keySchema = (partitionKey: string, sortKey?: string) => [
    { AttributeName: partitionKey, KeyType: "HASH" as const },
    ...(sortKey ? [{ AttributeName: sortKey, KeyType: "RANGE" as const }] : []),
  ];
  return {
    TableName: name,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: Object.entries(spec.attributes).map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType,
    })),
    KeySchema: keySchema(spec.partitionKey, spec.sortKey),
    GlobalSecondaryIndexes: spec.indexes?.map((index) => ({
      IndexName: index.name,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: { ProjectionType: "ALL" },
    })),
  };
}

/**
 * Create every catalog table (a table that already exists, kept in a data directory, is reused).
 * TTL is not set: dynalite has no UpdateTimeToLive, and the handlers check expiry themselves.
 *
 * @returns each catalog table's name in the emulator.
 * @example
 * const tables = await createTables(dynamoDbClient(endpoint)); // tables.Alerts === "Alerts"
 */
export async function createTables(client: DynamoDBClient): Promise<Record<TableName, string>> {
  const names = {} as Record<TableName, string>;
  for (const [name, spec] of Object.entries(TABLES) as [TableName, TableSpec][]) {
    try {
      await client.send(new CreateTableCommand(createTableInput(name, spec)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    names[name] = name;
  }
  return names;
}
