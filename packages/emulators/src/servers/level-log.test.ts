// The write-ahead log check (level-log.ts) on a log LevelDB itself wrote: 300 items of half a kilobyte,
// records across its 32 KiB blocks. A whole log holds; one of its records overwritten inside does not; a
// log cut short in its last record (a write a killed process left unfinished) holds, as LevelDB reads it.

import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { TABLES } from "@stock-patterns/core/catalog";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamoDbClient } from "../resources/clients";
import { createTables } from "../resources/tables";
import { startServices } from "../services";
import { damagedLog, damagedRecordAt } from "./level-log";

let dataDir: string;
/** DynamoDB's log after the writes, as LevelDB left it. */
let log: Buffer;
let logName: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "level-log-"));
  const services = await startServices(dataDir);
  const dynamo = dynamoDbClient(services.endpoints.dynamodb);
  await createTables(dynamo);
  const key = TABLES.SymbolWindows.partitionKey;
  for (let i = 0; i < 300; i++)
    await dynamo.send(
      new PutItemCommand({
        TableName: "SymbolWindows",
        Item: { [key]: { S: `S${i}#1d` }, bars: { S: "x".repeat(500) } },
      }),
    );
  dynamo.destroy();
  await services.stop();
  logName = readdirSync(join(dataDir, "dynamodb")).find((name) => name.endsWith(".log")) ?? "";
  log = readFileSync(join(dataDir, "dynamodb", logName));
}, 60_000);

afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("a LevelDB log's records", () => {
  it("hold as LevelDB wrote them, over several blocks", () => {
    expect(log.length).toBeGreaterThan(4 * 32 * 1024);
    expect(damagedRecordAt(log)).toBeUndefined();
    expect(damagedLog(join(dataDir, "dynamodb"))).toBeUndefined();
  });

  it("do not hold when a byte inside one is changed: the record is named where it starts", () => {
    const inside = log.indexOf("S150#1d");
    const changed = Buffer.from(log);
    changed[inside] = (changed[inside] as number) ^ 1;
    const at = damagedRecordAt(changed);
    expect(at).toBeLessThan(inside);
    expect(inside - (at ?? 0)).toBeLessThan(32 * 1024);
    // The records before it hold: cut there, the log is whole.
    expect(damagedRecordAt(changed.subarray(0, at))).toBeUndefined();
  });

  it("hold when the last is cut short, as a killed process leaves a write, or zeros follow", () => {
    for (const cut of [1, 7, 300])
      expect(damagedRecordAt(log.subarray(0, log.length - cut)), `${cut}`).toBeUndefined();
    const padded = Buffer.concat([log, Buffer.alloc(32 * 1024 - (log.length % (32 * 1024)))]);
    expect(damagedRecordAt(padded)).toBeUndefined();
  });
});
