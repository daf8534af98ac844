// Every DynamoDB table of the catalog, created in the emulator exactly as the catalog describes it.

import {
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type Projection,
  ResourceInUseException,
  ResourceNotFoundException,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import {
  type IndexSpec,
  projectionOf,
  TABLES,
  type TableName,
  type TableSpec,
} from "@stock-patterns/core/catalog";

/** An index's Projection as CreateTable takes it and DescribeTable answers it. */
function projection(index: IndexSpec): Projection {
  const { type, nonKeyAttributes } = projectionOf(index);
  return { ProjectionType: type, ...(nonKeyAttributes ? { NonKeyAttributes: [...nonKeyAttributes] } : {}) };
}

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
      // dynalite keeps only these attributes in an INCLUDE index's entries, as DynamoDB does.
      Projection: projection(index),
    })),
  };
}

type Item = Record<string, AttributeValue>;

/** Waits out a deleted table's DELETING status (dynalite drops it on a timer, even at deleteTableMs 0). */
async function gone(client: DynamoDBClient, name: string): Promise<void> {
  for (;;) {
    try {
      await client.send(new DescribeTableCommand({ TableName: name }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return;
      throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits for a created table to be ACTIVE (dynalite answers writes to a CREATING table "not found"). */
async function active(client: DynamoDBClient, name: string): Promise<void> {
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Deletes the table `name` and creates it again empty, as `spec` says, waiting until it is ACTIVE. */
async function createAgain(client: DynamoDBClient, name: string, spec: TableSpec): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: name }));
  await gone(client, name);
  await client.send(new CreateTableCommand(createTableInput(name, spec)));
  await active(client, name);
}

/**
 * Brings a table kept in a data directory to the catalog's indexes when one was added since the directory
 * was made (ApprovalTracking's openByDeadline, for one) or an index's projection changed (Alerts' bySymbol,
 * from all attributes to status and severity): dynalite's UpdateTable changes throughput only, it
 * cannot add an index, so the table is read whole, created again as the catalog says, and its items written
 * back; the new index then holds each item that has its keys, as AWS's backfill of a new index does. A run
 * stopped between the delete and the last write loses what was not written back yet (the table is small
 * and local; the window is that of one batch write per 25 items).
 */
async function addMissingIndexes(client: DynamoDBClient, name: string, spec: TableSpec): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  const present = new Map(
    (Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index.Projection] as const),
  );
  const current = (index: IndexSpec) =>
    JSON.stringify(present.get(index.name)) === JSON.stringify(projection(index));
  if ((spec.indexes ?? []).every(current)) return;
  const items: Item[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: name, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  await createAgain(client, name, spec);
  for (let start = 0; start < items.length; start += 25) {
    let writes: Record<string, { PutRequest: { Item: Item } }[]> | undefined = {
      [name]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (writes && Object.keys(writes).length > 0) {
      const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: writes }));
      writes = UnprocessedItems as typeof writes;
    }
  }
}

/**
 * Empties the catalog's `table`, named `name` in the emulator (createTables' names), by creating it again
 * as the catalog says: one delete and one create, however many items it held.
 *
 * @example
 * await emptyTable(dynamoDbClient(endpoint), "SymbolWindows", resources.tables.SymbolWindows);
 */
export const emptyTable = (client: DynamoDBClient, table: TableName, name: string): Promise<void> =>
  createAgain(client, name, TABLES[table]);

/**
 * Create every catalog table (a table that already exists, kept in a data directory, is reused, with any
 * index the catalog has added since: addMissingIndexes).
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
      await addMissingIndexes(client, name, spec);
    }
    names[name] = name;
  }
  return names;
}
