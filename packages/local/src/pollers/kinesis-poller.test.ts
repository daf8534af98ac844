// The Kinesis event source against kinesalite: batches, bisect around a bad record, checkpoints across restarts.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KinesisClient, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { type Message, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { EVENT_SOURCES } from "@stock-patterns/core/catalog";
import {
  createMessaging,
  createStream,
  type Emulator,
  kinesisClient,
  type StreamResource,
  snsClient,
  sqsClient,
  startKinesis,
  startMessaging,
} from "@stock-patterns/emulators";
import type { KinesisStreamEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayBars } from "../replay/replay";
import { Checkpoints } from "./checkpoints";
import { INVOCATION_PAYLOAD_LIMIT_BYTES } from "./kinesis-payload";
import { startKinesisPoller } from "./kinesis-poller";
import type { PollerReport } from "./poller";

let kinesis: Emulator;
let client: KinesisClient;
let stream: StreamResource;
let dir: string;

beforeAll(async () => {
  kinesis = await startKinesis();
  client = kinesisClient(kinesis.endpoint);
  stream = await createStream(client);
  dir = mkdtempSync(join(tmpdir(), "kinesis-poller-"));
});

afterAll(async () => {
  client.destroy();
  await kinesis.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The test's batch size: the batches of 230 bars fill up to it, and the bad bar is bisected out of one. */
const BATCH_SIZE = 100;

const bars = Array.from({ length: 230 }, (_, day) => ({
  time: new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10),
  close: 100 + day,
}));

function consumer(seen: { sizes: number[]; closes: number[] }) {
  return async (event: unknown) => {
    const { Records } = event as KinesisStreamEvent;
    seen.sizes.push(Records.length);
    const decoded = Records.map((r) => JSON.parse(Buffer.from(r.kinesis.data, "base64").toString("utf8")));
    if (decoded.some((bar) => bar.close === 200)) throw new Error("bar 200 breaks the consumer");
    seen.closes.push(...decoded.map((bar) => bar.close));
  };
}

describe("Kinesis event source", () => {
  it("delivers batches of at most the batch size, isolates the failing record, and resumes after its checkpoint", async () => {
    const checkpointFile = join(dir, "checkpoints.json");
    await replayBars({
      client,
      streamName: stream.name,
      symbol: "SPX",
      interval: "1d",
      bars,
      barsPerSecond: Number.POSITIVE_INFINITY,
    });
    const seen = { sizes: [] as number[], closes: [] as number[] };
    const reports: PollerReport[] = [];
    const options = {
      client,
      stream,
      functionName: "KinesisConsumer",
      ...EVENT_SOURCES.KinesisConsumer,
      // Below the bars put, so batches fill up (the catalog's 2,500 would take them all in one).
      batchSize: BATCH_SIZE,
      batchingWindowMs: 100,
      idleWaitMs: 50,
      report: (report: PollerReport) => reports.push(report),
    };
    const poller = startKinesisPoller({
      ...options,
      handler: consumer(seen),
      checkpoints: new Checkpoints(checkpointFile),
    });
    while (new Set(seen.closes).size < bars.length - 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await poller.stop();

    expect(Math.max(...seen.sizes)).toBe(BATCH_SIZE);
    expect([...new Set(seen.closes)]).toEqual(bars.map((bar) => bar.close).filter((close) => close !== 200));
    expect(reports).toHaveLength(1);
    expect(reports[0]?.message).toContain("1 record(s) set aside");
    expect(JSON.parse(reports[0]?.items?.[0] ?? "{}")).toMatchObject({ symbol: "SPX", close: 200 });

    const again = { sizes: [] as number[], closes: [] as number[] };
    const restarted = startKinesisPoller({
      ...options,
      handler: consumer(again),
      checkpoints: new Checkpoints(checkpointFile),
    });
    await replayBars({
      client,
      streamName: stream.name,
      symbol: "SPX",
      interval: "1d",
      bars: [{ time: "2025-01-01", close: 500 }],
      barsPerSecond: Number.POSITIVE_INFINITY,
    });
    while (again.closes.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    await restarted.stop();
    expect(again.closes).toEqual([500]);
  });

  it("reads a shard again from its oldest record, saying so, when its checkpoint is another stream's", async () => {
    // A data directory whose kinesis store was moved aside keeps the old stream's positions, which the new
    // stream refuses (InvalidArgumentException) as it refuses any it did not give: resumed from such a
    // position again and again, the shard was never read.
    const foreign = "49650000000000000000000000000000000000000000000000000001";
    const closes = [1001, 1002, 1003];
    await replayBars({
      client,
      streamName: stream.name,
      symbol: "NEW",
      interval: "1d",
      bars: closes.map((close, day) => ({ time: `2030-01-0${day + 1}`, close })),
      barsPerSecond: Number.POSITIVE_INFINITY,
    });
    const seen = { sizes: [] as number[], closes: [] as number[] };
    const reports: PollerReport[] = [];
    const poller = startKinesisPoller({
      client,
      stream,
      functionName: "KinesisConsumer",
      ...EVENT_SOURCES.KinesisConsumer,
      batchingWindowMs: 50,
      idleWaitMs: 50,
      report: (report: PollerReport) => reports.push(report),
      handler: consumer(seen),
      checkpoints: new Checkpoints(
        undefined,
        undefined,
        Object.fromEntries(stream.shardIds.map((shardId) => [shardId, foreign])),
      ),
    });
    while (!closes.every((close) => seen.closes.includes(close)))
      await new Promise((resolve) => setTimeout(resolve, 50));
    await poller.stop();
    const said = reports.filter((report) => report.message.includes("no position on this stream"));
    expect(said.map((report) => report.source).sort()).toEqual(
      stream.shardIds.map((shardId) => `kinesis:${stream.name}/${shardId}`).sort(),
    );
    expect(said[0]?.message).toContain(`the checkpoint ${foreign} is no position on this stream`);
  });

  it("stops a batch of large records short of Lambda's 6 MB payload, whatever the batch size", async () => {
    // A stream of its own, holding only these: 12 records of 900 KB (kinesalite takes up to 1 MiB),
    // 1.2 MB each in the event, 14 MB in all.
    const own = await startKinesis();
    const client = kinesisClient(own.endpoint);
    const stream = await createStream(client);
    const records = Array.from({ length: 12 }, (_, n) => `${n}:${"x".repeat(900 * 1024)}`);
    for (const data of records)
      await client.send(
        new PutRecordCommand({ StreamName: stream.name, PartitionKey: "LARGE", Data: Buffer.from(data) }),
      );
    const events: { bytes: number; data: string[] }[] = [];
    const poller = startKinesisPoller({
      client,
      stream,
      functionName: "KinesisConsumer",
      ...EVENT_SOURCES.KinesisConsumer,
      batchingWindowMs: 100,
      idleWaitMs: 50,
      report: () => {},
      handler: async (event) => {
        const { Records } = event as KinesisStreamEvent;
        events.push({
          bytes: Buffer.byteLength(JSON.stringify(event)),
          data: Records.map((r) => Buffer.from(r.kinesis.data, "base64").toString("utf8")),
        });
      },
      checkpoints: new Checkpoints(),
    });
    const delivered = () => events.flatMap((event) => event.data);
    while (delivered().length < records.length) await new Promise((resolve) => setTimeout(resolve, 50));
    await poller.stop();
    client.destroy();
    await own.stop();

    expect(delivered()).toEqual(records);
    for (const { bytes } of events) expect(bytes).toBeLessThanOrEqual(INVOCATION_PAYLOAD_LIMIT_BYTES);
    // Full batches: as many records as fit (5 of 1.2 MB), not one at a time.
    expect(Math.max(...events.map((event) => event.data.length))).toBe(5);
  });

  it("describes a batch still failing after its retries on the on-failure destination, as Lambda does", async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html: one JSON document per
    // discarded batch, naming its shard and sequence numbers (not carrying its records).
    const own = await startKinesis();
    const messaging = await startMessaging();
    const client = kinesisClient(own.endpoint);
    const sqs = sqsClient(messaging.endpoint);
    const sns = snsClient(messaging.endpoint);
    const { setAsideQueues } = await createMessaging(sqs, sns);
    const destination = setAsideQueues[EVENT_SOURCES.KinesisConsumer.onFailure];
    const stream = await createStream(client);
    const put = await Promise.all(
      ["a", "bad", "c"].map((data) =>
        client.send(
          new PutRecordCommand({ StreamName: stream.name, PartitionKey: "SPX", Data: Buffer.from(data) }),
        ),
      ),
    );
    const bad = put[1];
    const poller = startKinesisPoller({
      client,
      stream,
      functionName: "KinesisConsumer",
      ...EVENT_SOURCES.KinesisConsumer,
      batchingWindowMs: 100,
      idleWaitMs: 50,
      report: () => {},
      handler: async (event) => {
        const { Records } = event as KinesisStreamEvent;
        const data = Records.map((r) => Buffer.from(r.kinesis.data, "base64").toString("utf8"));
        if (data.includes("bad")) throw new TypeError("cannot read bar");
      },
      checkpoints: new Checkpoints(),
      failureDestination: { client: sqs, queueUrl: destination.url },
    });
    const messages: Message[] = [];
    const deadline = Date.now() + 10_000;
    while (messages.length === 0 && Date.now() < deadline) {
      const out = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: destination.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      messages.push(...(out.Messages ?? []));
    }
    await poller.stop();
    for (const each of [client, sqs, sns]) each.destroy();
    await Promise.all([own.stop(), messaging.stop()]);

    expect(messages).toHaveLength(1);
    const described = JSON.parse(messages[0]?.Body ?? "{}");
    expect(described).toEqual({
      requestContext: {
        requestId: expect.any(String),
        functionArn: "arn:aws:lambda:us-east-1:000000000000:function:KinesisConsumer",
        condition: "RetryAttemptsExhausted",
        approximateInvokeCount: EVENT_SOURCES.KinesisConsumer.maxRetries + 1,
      },
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
      version: "1.0",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      KinesisBatchInfo: {
        shardId: bad?.ShardId,
        startSequenceNumber: bad?.SequenceNumber,
        endSequenceNumber: bad?.SequenceNumber,
        approximateArrivalOfFirstRecord: expect.stringMatching(/Z$/),
        approximateArrivalOfLastRecord: expect.stringMatching(/Z$/),
        batchSize: 1,
        streamArn: stream.arn,
      },
    });
  });

  it("fails a batch that runs past the function's timeout, and bisects the slow record out", async () => {
    const own = await startKinesis();
    const client = kinesisClient(own.endpoint);
    const stream = await createStream(client);
    for (const data of ["a", "slow", "c"]) {
      await client.send(
        new PutRecordCommand({ StreamName: stream.name, PartitionKey: "SPX", Data: Buffer.from(data) }),
      );
    }
    const delivered: string[] = [];
    const reports: PollerReport[] = [];
    const poller = startKinesisPoller({
      client,
      stream,
      functionName: "KinesisConsumer",
      timeoutSeconds: 0.2,
      ...EVENT_SOURCES.KinesisConsumer,
      batchingWindowMs: 100,
      idleWaitMs: 50,
      report: (report) => reports.push(report),
      handler: async (event) => {
        const { Records } = event as KinesisStreamEvent;
        const data = Records.map((r) => Buffer.from(r.kinesis.data, "base64").toString("utf8"));
        if (data.includes("slow")) return new Promise<never>(() => {});
        delivered.push(...data);
      },
      checkpoints: new Checkpoints(),
    });
    const deadline = Date.now() + 15_000;
    while (reports.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await poller.stop();
    client.destroy();
    await own.stop();

    expect(delivered.sort()).toEqual(["a", "c"]);
    expect(reports.map((report) => report.message)).toEqual([
      expect.stringMatching(/^1 record\(s\) set aside after 3 retries: .*Task timed out after 0\.20 seconds/),
    ]);
    expect(reports[0]?.items).toEqual(["slow"]);
  });
});
