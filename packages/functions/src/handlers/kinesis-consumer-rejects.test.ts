// KinesisConsumer's malformed records, read from kinesalite and set aside on fauxqs's RejectedMarketData:
// each lands whole with its reason while the good records go through, and one that cannot be sent there
// is reported for retry (never lost), without holding back any symbol's good records.

import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
} from "@aws-sdk/client-sqs";
import { type Bar, WINDOW } from "@stock-patterns/core";
import { SET_ASIDE_QUEUES } from "@stock-patterns/core/catalog";
import type { KinesisStreamEvent } from "aws-lambda";
import { afterAll, describe, expect, it, vi } from "vitest";
import { logger, metrics } from "#observability";
import { loadWindow, type RejectedMarketRecord } from "#stream";
import { lambdaContext, queueUrl, StreamReader, testSqs } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { handler } from "./kinesis-consumer";

const reader = new StreamReader();
const sqs = testSqs();
afterAll(() => {
  reader.close();
  sqs.destroy();
});

const bars = sp500().slice(0, 60);
const good = (symbol: string, list: Bar[]) =>
  list.map((bar) => ({ partitionKey: symbol, data: { symbol, interval: "1d", ...bar } }));

/** Everything on RejectedMarketData, taken off the queue. */
async function setAside(): Promise<RejectedMarketRecord[]> {
  const url = queueUrl("RejectedMarketData");
  const found: RejectedMarketRecord[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return found;
    for (const message of Messages) {
      found.push(JSON.parse(message.Body as string));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
    }
  }
}

/** The records of an event that carry these payloads (shards interleave the order they were put in). */
const carrying = (event: KinesisStreamEvent, payloads: { data: unknown }[]) => {
  const texts = payloads.map(({ data }) => (typeof data === "string" ? data : JSON.stringify(data)));
  return event.Records.filter((r) => texts.includes(Buffer.from(r.kinesis.data, "base64").toString()));
};

const failuresOf = async (event: KinesisStreamEvent) =>
  (await handler(event, lambdaContext("KinesisConsumer"))).batchItemFailures.map((f) => f.itemIdentifier);

describe("KinesisConsumer setting malformed records aside", () => {
  it("puts each malformed record on RejectedMarketData, whole and with its reason, and applies the good ones", async () => {
    const warn = vi.spyOn(logger, "warn");
    const added = vi.spyOn(metrics, "addMetric");
    // Twelve rejects (two SendMessageBatch calls of at most 10) among two symbols' good bars.
    const malformed = Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0
        ? { partitionKey: "KRA", data: `garbage #${i}` }
        : { partitionKey: "KRB", data: { symbol: "KRB", interval: "1d", time: "2000-01-03", close: -i } },
    );
    await reader.put([
      ...good("KRA", bars.slice(0, 20)),
      ...malformed.slice(0, 6),
      ...good("KRB", bars),
      ...malformed.slice(6),
      ...good("KRA", bars.slice(20, 30)),
    ]);
    const event = await reader.nextEvent();
    expect(await failuresOf(event)).toEqual([]);

    const rejectedEvents = carrying(event, malformed);
    expect(rejectedEvents).toHaveLength(12);
    const landed = await setAside();
    expect(landed.map((r) => r.sequenceNumber).sort()).toEqual(
      rejectedEvents.map((r) => r.kinesis.sequenceNumber).sort(),
    );
    for (const record of rejectedEvents) {
      const kept = landed.find((r) => r.sequenceNumber === record.kinesis.sequenceNumber);
      const text = Buffer.from(record.kinesis.data, "base64").toString();
      expect(kept).toEqual({
        data: record.kinesis.data,
        partitionKey: record.kinesis.partitionKey,
        sequenceNumber: record.kinesis.sequenceNumber,
        eventID: record.eventID,
        eventSourceARN: record.eventSourceARN,
        shardId: record.eventID.split(":")[0],
        arrivedAt: new Date(record.kinesis.approximateArrivalTimestamp * 1000).toISOString(),
        reason: text.startsWith("garbage")
          ? "data is not JSON"
          : expect.stringMatching(/^close -\d+ is not positive$/),
        rejectedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    }
    // Still logged with the raw data and counted.
    expect(warn.mock.calls.filter(([message]) => message === "Malformed market data record")).toHaveLength(
      12,
    );
    const counted = added.mock.calls.filter(([name]) => name === "MalformedRecords");
    expect(counted.reduce((sum, [, , value]) => sum + Number(value), 0)).toBe(12);
    warn.mockRestore();
    added.mockRestore();

    expect((await loadWindow("KRA", "1d")).bars.map((b) => b.time)).toEqual(
      bars.slice(0, 30).map((b) => b.time),
    );
    expect((await loadWindow("KRB", "1d")).bars.map((b) => b.time)).toEqual(
      bars.slice(-WINDOW).map((b) => b.time),
    );
  });

  it("sets aside numbers DynamoDB cannot store (core's valid-bar rule), instead of failing their writes", async () => {
    const unstorable = [
      { partitionKey: "KRG", data: { symbol: "KRG", interval: "1d", time: "2000-01-05", close: 1e308 } },
      { partitionKey: "KRG", data: { symbol: "KRG", interval: "1d", time: "2000-01-06", close: 1e-200 } },
      {
        partitionKey: "KRG",
        data: { symbol: "KRG", interval: "1d", time: "2000-01-07", close: 5, volume: 1e308 },
      },
    ];
    await reader.put([...good("KRG", bars.slice(0, 2)), ...unstorable]);
    const event = await reader.nextEvent();
    expect(await failuresOf(event)).toEqual([]);
    const landed = await setAside();
    expect(landed.map((r) => r.reason).sort()).toEqual([
      expect.stringMatching(/^close 1e\+308 is outside/),
      expect.stringMatching(/^close 1e-200 is outside/),
      expect.stringMatching(/^volume 1e\+308 is outside/),
    ]);
    expect((await loadWindow("KRG", "1d")).bars).toHaveLength(2);
  });

  it("keeps a partition key with characters SQS refuses in a message (escaped JSON, same text)", async () => {
    const odd = { partitionKey: "KR\uFFFE\u00e9\u{1F4C8}", data: "not a bar" };
    await reader.put([odd, ...good("KRF", bars.slice(0, 3))]);
    const event = await reader.nextEvent();
    expect(await failuresOf(event)).toEqual([]);
    expect((await setAside()).map((r) => r.partitionKey)).toEqual([odd.partitionKey]);
  });

  it("reports one that SQS refuses by its sequence number, and sets the others aside", async () => {
    const url = queueUrl("RejectedMarketData");
    // SQS refuses a message over the queue's maximum size, entry by entry within the batch.
    await sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { MaximumMessageSize: "1024" } }),
    );
    const [large, small] = [
      { partitionKey: "KRC", data: "x".repeat(2000) },
      { partitionKey: "KRC", data: "short garbage" },
    ];
    await reader.put([large, small, ...good("KRC", bars.slice(0, 10))]);
    const event = await reader.nextEvent();
    const failures = await failuresOf(event);
    await sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { MaximumMessageSize: "1048576" } }),
    );
    const sequenceOf = (payload: { data: unknown }) => carrying(event, [payload])[0]?.kinesis.sequenceNumber;
    expect(failures).toEqual([sequenceOf(large)]);
    expect((await setAside()).map((r) => r.sequenceNumber)).toEqual([sequenceOf(small)]);
    expect((await loadWindow("KRC", "1d")).bars).toHaveLength(10);
  });

  it("loses nothing when the queue cannot be reached: rejects come back as failures, good bars still apply", async () => {
    const url = queueUrl("RejectedMarketData");
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    const notJson = { partitionKey: "KRD", data: "lost?" };
    const noTime = { partitionKey: "KRE", data: { symbol: "KRE", interval: "1d", close: 3 } };
    const malformed = [notJson, noTime];
    await reader.put([
      ...good("KRD", bars.slice(0, 5)),
      notJson,
      ...good("KRE", bars.slice(0, 15)),
      noTime,
      ...good("KRD", bars.slice(5, 12)),
    ]);
    const event = await reader.nextEvent();
    const rejects = carrying(event, malformed).map((r) => r.kinesis.sequenceNumber);
    expect(rejects).toHaveLength(2);
    const failures = await failuresOf(event);
    expect(failures.sort()).toEqual([...rejects].sort());
    expect((await loadWindow("KRD", "1d")).bars).toHaveLength(12);
    expect((await loadWindow("KRE", "1d")).bars).toHaveLength(15);

    // Lambda retries the batch once the queue is back: the rejects land, the good bars change nothing.
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: "RejectedMarketData",
        Attributes: { MessageRetentionPeriod: String(SET_ASIDE_QUEUES.RejectedMarketData.retentionSeconds) },
      }),
    );
    expect(QueueUrl).toBe(url);
    expect(await failuresOf(event)).toEqual([]);
    expect((await setAside()).map((r) => r.sequenceNumber).sort()).toEqual([...rejects].sort());
    expect((await loadWindow("KRD", "1d")).bars).toHaveLength(12);
  });
});
