// A data directory's stores that LevelDB finds damaged are copied aside as found and repaired before the
// emulators start on them (level-stores.ts): what they held is there again, where dynalite had answered
// every request "Database is closed" and kinesalite had thrown its open error where nothing caught it.

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetItemCommand, ListTablesCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { TABLES } from "@stock-patterns/core/catalog";
import { afterEach, describe, expect, it } from "vitest";
import { dynamoDbClient, kinesisClient } from "../resources/clients";
import { createStream } from "../resources/stream";
import { createTables } from "../resources/tables";
import { startServices } from "../services";
import { damagedRecordAt } from "./level-log";
import { mendDamagedStores } from "./level-stores";

const TABLE = "SymbolWindows";
const KEY = TABLES.SymbolWindows.partitionKey;

const directories: string[] = [];
afterEach(async () => {
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

/** A data directory whose stores hold one item and one stream record, the emulators stopped. */
async function keptData(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), "level-stores-"));
  directories.push(dataDir);
  const services = await startServices(dataDir);
  const dynamo = dynamoDbClient(services.endpoints.dynamodb);
  const kinesis = kinesisClient(services.endpoints.kinesis);
  await createTables(dynamo);
  await dynamo.send(new PutItemCommand({ TableName: TABLE, Item: { [KEY]: { S: "SPX#1d" } } }));
  const stream = await createStream(kinesis);
  await kinesis.send(
    new PutRecordCommand({ StreamName: stream.name, PartitionKey: "SPX", Data: Buffer.from("bar") }),
  );
  dynamo.destroy();
  kinesis.destroy();
  await services.stop();
  return dataDir;
}

/** What the emulators started on `dataDir` hold: the item's key and the stream's records, as text. */
async function held(dataDir: string) {
  const services = await startServices(dataDir);
  const dynamo = dynamoDbClient(services.endpoints.dynamodb);
  const kinesis = kinesisClient(services.endpoints.kinesis);
  try {
    const { Item } = await dynamo.send(
      new GetItemCommand({ TableName: TABLE, Key: { [KEY]: { S: "SPX#1d" } } }),
    );
    const stream = await createStream(kinesis);
    const records: string[] = [];
    for (const shardId of stream.shardIds) {
      const { ShardIterator } = await kinesis.send(
        new GetShardIteratorCommand({
          StreamName: stream.name,
          ShardId: shardId,
          ShardIteratorType: "TRIM_HORIZON",
        }),
      );
      const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
      records.push(...Records.map((record) => Buffer.from(record.Data ?? []).toString()));
    }
    return { item: Item?.[KEY]?.S, records, repaired: services.repairedStores };
  } finally {
    dynamo.destroy();
    kinesis.destroy();
    await services.stop();
  }
}

/** Overwrites `length` bytes of `file` from `at` with 0xff. */
function scribble(file: string, at: number, length: number): void {
  const bytes = readFileSync(file);
  bytes.fill(0xff, at, at + length);
  writeFileSync(file, bytes);
}

describe("a data directory's stores", () => {
  it("are opened as they are when sound: nothing repaired, nothing copied", async () => {
    const dataDir = await keptData();
    expect(await mendDamagedStores(dataDir)).toEqual([]);
    expect(readdirSync(dataDir).sort()).toEqual(["dynamodb", "kinesis"]);
    expect(await held(dataDir)).toEqual({ item: "SPX#1d", records: ["bar"], repaired: [] });
  }, 60_000);

  it("found damaged (an empty CURRENT, a MANIFEST overwritten) are copied aside as found and repaired, keeping what they held", async () => {
    const dataDir = await keptData();
    writeFileSync(join(dataDir, "dynamodb", "CURRENT"), "");
    const manifest = readdirSync(join(dataDir, "kinesis")).find((name) => name.startsWith("MANIFEST-")) ?? "";
    scribble(join(dataDir, "kinesis", manifest), 10, 20);
    const damagedManifest = readFileSync(join(dataDir, "kinesis", manifest));

    const { item, records, repaired } = await held(dataDir);

    expect({ item, records }).toEqual({ item: "SPX#1d", records: ["bar"] });
    expect(repaired.map(({ service, damage }) => ({ service, damage }))).toEqual([
      { service: "DynamoDB", damage: "Corruption: CURRENT file does not end with newline" },
      { service: "Kinesis", damage: "Corruption: checksum mismatch" },
    ]);
    const [dynamo, kinesis] = repaired;
    expect(dynamo?.keptAs).toMatch(/\/dynamodb\.damaged-\d{8}T\d{6}Z$/);
    expect(readFileSync(join(dynamo?.keptAs ?? "", "CURRENT"), "utf8")).toBe("");
    expect(readFileSync(join(kinesis?.keptAs ?? "", manifest))).toEqual(damagedManifest);
    // Opened again, the mended stores are sound.
    expect(await mendDamagedStores(dataDir)).toEqual([]);
  }, 60_000);

  it("whose log holds a record damaged inside are copied aside and opened passing over it, said, where LevelDB passed over it unsaid", async () => {
    const dataDir = await keptData();
    const store = join(dataDir, "dynamodb");
    const log = readdirSync(store).find((name) => name.endsWith(".log")) ?? "";
    const bytes = readFileSync(join(store, log));
    // Inside the record that holds the item, its key's bytes overwritten.
    const at = bytes.indexOf("SPX#1d");
    expect(at).toBeGreaterThan(0);
    expect(damagedRecordAt(bytes)).toBeUndefined();
    scribble(join(store, log), at, 2);
    const found = readFileSync(join(store, log));

    const { item, records, repaired } = await held(dataDir);

    expect(repaired).toEqual([
      {
        service: "DynamoDB",
        directory: store,
        damage: expect.stringMatching(new RegExp(`^Corruption: checksum mismatch in ${log} at byte \\d+$`)),
        inLog: true,
        keptAs: expect.stringMatching(/\/dynamodb\.damaged-\d{8}T\d{6}Z$/),
      },
    ]);
    // The record is lost (npm start reads the stream again to store it again: store-repairs.ts); the copy
    // keeps the log as found, and the Kinesis store is untouched.
    expect({ item, records }).toEqual({ item: undefined, records: ["bar"] });
    expect(readFileSync(join(repaired[0]?.keptAs ?? "", log))).toEqual(found);
    expect(await mendDamagedStores(dataDir)).toEqual([]);
  }, 60_000);

  it("whose table file is damaged (its end overwritten) are found before the emulators start, copied aside and repaired", async () => {
    // Only CURRENT, MANIFEST and the log were read before: the system started, then stopped at the first
    // request that read the table, with LevelDB's words and no file named.
    const dataDir = await keptData();
    expect(await mendDamagedStores(dataDir)).toEqual([]); // opened once: its log is now a table file
    const table = readdirSync(join(dataDir, "dynamodb")).find((name) => name.endsWith(".ldb")) ?? "";
    expect(table).not.toBe("");
    const bytes = readFileSync(join(dataDir, "dynamodb", table));
    scribble(join(dataDir, "dynamodb", table), bytes.length - 8, 8);

    const repaired = await mendDamagedStores(dataDir);

    expect(repaired.map(({ service, damage }) => ({ service, damage }))).toEqual([
      { service: "DynamoDB", damage: "Corruption: not an sstable (bad magic number)" },
    ]);
    expect(readFileSync(join(repaired[0]?.keptAs ?? "", table)).subarray(-8)).toEqual(Buffer.alloc(8, 0xff));
    // Sound now. What the overwritten table held is in the copy only (this store's one table held the
    // tables' definitions too): the emulators start on the mended store, and its tables are made again.
    expect(await mendDamagedStores(dataDir)).toEqual([]);
    const services = await startServices(dataDir);
    const dynamo = dynamoDbClient(services.endpoints.dynamodb);
    try {
      await createTables(dynamo);
      const { TableNames = [] } = await dynamo.send(new ListTablesCommand({}));
      expect(TableNames).toContain(TABLE);
    } finally {
      dynamo.destroy();
      await services.stop();
    }
  }, 60_000);

  it("whose CURRENT names a MANIFEST that is gone is repaired too", async () => {
    const dataDir = await keptData();
    writeFileSync(join(dataDir, "dynamodb", "CURRENT"), "MANIFEST-000999\n");
    const repairs = await mendDamagedStores(dataDir);
    expect(repairs.map((repair) => repair.damage)).toEqual([
      `IO error: ${join(dataDir, "dynamodb", "MANIFEST-000999")}: No such file or directory`,
    ]);
    expect((await held(dataDir)).item).toBe("SPX#1d");
  }, 60_000);

  it("refused for another reason than damage (held by another process's open) are not touched: LevelDB's error is thrown", async () => {
    const dataDir = await keptData();
    const services = await startServices(dataDir);
    try {
      // dynalite opens its store on the first request.
      const dynamo = dynamoDbClient(services.endpoints.dynamodb);
      await dynamo.send(new GetItemCommand({ TableName: TABLE, Key: { [KEY]: { S: "SPX#1d" } } }));
      dynamo.destroy();
      await expect(mendDamagedStores(dataDir)).rejects.toThrow(
        /^IO error: lock .*\/dynamodb\/LOCK: already held/,
      );
      expect(readdirSync(dataDir).filter((name) => name.includes("damaged"))).toEqual([]);
      expect(existsSync(join(dataDir, "dynamodb", "CURRENT"))).toBe(true);
    } finally {
      await services.stop();
    }
  }, 60_000);
});
