// The Kinesis event source under a parallelization factor, against kinesalite: several batches of a
// shard at once, each partition key's records in order, and a checkpoint that passes only records every
// lane has processed.

import { type KinesisClient, PutRecordCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { EVENT_SOURCES } from "@stock-patterns/core/catalog";
import {
  createStream,
  type Emulator,
  kinesisClient,
  type StreamResource,
  startKinesis,
} from "@stock-patterns/emulators";
import type { KinesisStreamEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Checkpoints } from "./checkpoints";
import { laneOf } from "./kinesis-lanes";
import { startKinesisPoller } from "./kinesis-poller";

let kinesis: Emulator;
let client: KinesisClient;
let stream: StreamResource;

beforeAll(async () => {
  kinesis = await startKinesis();
  client = kinesisClient(kinesis.endpoint);
  stream = await createStream(client);
});

afterAll(async () => {
  client.destroy();
  await kinesis.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not within 20 s: ${what}`);
    await sleep(10);
  }
}

/** The poller's settings here: small batches and short waits, the catalog's retries. */
const options = (parallelizationFactor: number) => ({
  client,
  stream,
  functionName: "KinesisConsumer",
  ...EVENT_SOURCES.KinesisConsumer,
  parallelizationFactor,
  batchSize: 10,
  batchingWindowMs: 20,
  idleWaitMs: 20,
  report: () => undefined,
});

const decoded = (event: unknown) =>
  (event as KinesisStreamEvent).Records.map(
    (record) =>
      JSON.parse(Buffer.from(record.kinesis.data, "base64").toString("utf8")) as { key: string; n: number },
  );

describe("a Kinesis mapping's parallelization factor", () => {
  it("delivers up to that many batches of a shard at once, each key's records in order", async () => {
    const keys = Array.from({ length: 12 }, (_, k) => `KEY${k}`);
    for (let n = 0; n < 20; n++) {
      await client.send(
        new PutRecordsCommand({
          StreamName: stream.name,
          Records: keys.map((key) => ({ PartitionKey: key, Data: Buffer.from(JSON.stringify({ key, n })) })),
        }),
      );
    }
    // Read from the start twice, by one batch a shard and by three: the same records in each key's order.
    const run = async (factor: number) => {
      const seen = new Map<string, number[]>();
      let delivering = 0;
      let most = 0;
      const poller = startKinesisPoller({
        ...options(factor),
        handler: async (event) => {
          most = Math.max(most, ++delivering);
          await sleep(25);
          for (const { key, n } of decoded(event)) seen.set(key, [...(seen.get(key) ?? []), n]);
          delivering--;
        },
        checkpoints: new Checkpoints(),
      });
      await until(() => [...seen.values()].reduce((sum, ns) => sum + ns.length, 0) === 240, "240 records");
      await poller.stop();
      return { seen, most };
    };
    const inOrder = Array.from({ length: 20 }, (_, n) => n);
    const one = await run(1);
    const three = await run(3);
    expect(stream.shardIds).toHaveLength(2);
    expect(one.most).toBeLessThanOrEqual(2);
    expect(three.most).toBeGreaterThan(2);
    for (const { seen } of [one, three]) {
      expect([...seen.keys()].sort()).toEqual([...keys].sort());
      for (const key of keys) expect(seen.get(key)).toEqual(inOrder);
    }
  });

  it("moves the shard's checkpoint only past records every lane has processed", async () => {
    // A stream of its own, so that its first record is the slow key's. Two keys of different lanes, both on
    // the first shard (an explicit hash key of 0 puts them there).
    const own = await startKinesis();
    const client = kinesisClient(own.endpoint);
    const stream = await createStream(client);
    const keys = Array.from({ length: 20 }, (_, k) => `PAIR${k}`);
    const slow = keys[0] as string;
    const quick = keys.find((key) => laneOf(key, 3) !== laneOf(slow, 3)) as string;
    const shardId = stream.shardIds[0] as string;
    const put = async (key: string, n: number) => {
      const { SequenceNumber, ShardId } = await client.send(
        new PutRecordCommand({
          StreamName: stream.name,
          PartitionKey: key,
          ExplicitHashKey: "0",
          Data: Buffer.from(JSON.stringify({ key, n })),
        }),
      );
      expect(ShardId).toBe(shardId);
      return SequenceNumber as string;
    };
    // The slow key's first record comes first: nothing can be checkpointed before it is processed.
    const sequence = [await put(slow, 0), await put(quick, 0), await put(quick, 1), await put(quick, 2)];
    sequence.push(await put(slow, 1));
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: { key: string; n: number }[] = [];
    const saved: string[] = [];
    const poller = startKinesisPoller({
      ...options(3),
      client,
      stream: { ...stream, shardIds: [shardId] },
      handler: async (event) => {
        const records = decoded(event);
        if (records.some(({ key }) => key === slow)) await released;
        seen.push(...records);
      },
      checkpoints: new Checkpoints(undefined, (_shard, sequenceNumber) => saved.push(sequenceNumber)),
    });
    await until(() => seen.filter(({ key }) => key === quick).length === 3, "the quick key's records");
    await sleep(100);
    expect(saved).toEqual([]);
    release();
    await until(() => saved.at(-1) === sequence.at(-1), "the checkpoint at the last record");
    await poller.stop();
    client.destroy();
    await own.stop();
    expect(seen.filter(({ key }) => key === slow).map(({ n }) => n)).toEqual([0, 1]);
    expect(saved.map(BigInt)).toEqual([...saved.map(BigInt)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});
