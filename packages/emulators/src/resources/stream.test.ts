// How far back the market-data stream reaches: when kinesalite made it and how long it keeps a record, as
// DescribeStream gives them, kept in a data directory across runs; and whether it still holds every record.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STREAM } from "@stock-patterns/core/catalog";
import { afterAll, describe, expect, it } from "vitest";
import { startKinesis } from "../servers/kinesis";
import { kinesisClient } from "./clients";
import { createStream, holdsEveryRecord, streamHistory } from "./stream";

const HOUR = 3_600_000;
const directories: string[] = [];
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

describe("the stream's history", () => {
  it("is when it was made and its retention, the same when a data directory's stream is started again", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "stream-history-"));
    directories.push(dataDir);
    const made = Date.now();
    let kinesis = await startKinesis(dataDir);
    let client = kinesisClient(kinesis.endpoint);
    await createStream(client);
    const first = await streamHistory(client, STREAM.name);
    client.destroy();
    await kinesis.stop();
    // kinesalite keeps the creation time to the second (floored), the stream made after a short delay.
    expect(first.retentionHours).toBe(24);
    expect(Math.abs(first.createdAt.getTime() - made)).toBeLessThan(5000);

    kinesis = await startKinesis(dataDir);
    client = kinesisClient(kinesis.endpoint);
    await createStream(client);
    expect(await streamHistory(client, STREAM.name)).toEqual(first);
    expect(holdsEveryRecord(first)).toBe(true);
    client.destroy();
    await kinesis.stop();
  }, 60_000);

  it("holds every record put on it while it is younger than its retention, not after", () => {
    const createdAt = new Date("2026-12-01T00:00:00Z");
    const at = (hours: number) => new Date(createdAt.getTime() + hours * HOUR);
    expect(holdsEveryRecord({ createdAt, retentionHours: 24 }, at(23.9))).toBe(true);
    expect(holdsEveryRecord({ createdAt, retentionHours: 24 }, at(24))).toBe(false);
    expect(holdsEveryRecord({ createdAt, retentionHours: 168 }, at(100))).toBe(true);
  });
});
