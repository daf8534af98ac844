// KinesisConsumer's malformed records, read from kinesalite and set aside on fauxqs's RejectedMarketData:
// each lands whole with its reason (a long one in parts that join to its exact bytes) while the good
// records go through, and one that cannot be sent there is reported for retry (never lost), without
// holding back any symbol's good records.

import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
} from "@aws-sdk/client-sqs";
import { type Bar, SYMBOL_RULE, WINDOW } from "@stock-patterns/core";
import { SET_ASIDE_QUEUES } from "@stock-patterns/core/catalog";
import type { KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";
import { afterAll, describe, expect, it, vi } from "vitest";
import { logger, metrics } from "#observability";
import { LOGGED_DATA_CHARS, loadWindow, REJECT_MESSAGE_BYTES, type RejectedMarketRecord } from "#stream";
import { queueUrl, StreamReader, testSqs } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { captureLogs } from "#test/logs";
import { consumerFailures } from "#test/set-aside";

const reader = new StreamReader();
const sqs = testSqs();
afterAll(() => {
  reader.close();
  sqs.destroy();
});

const bars = sp500().slice(0, 60);
const good = (symbol: string, list: Bar[]) =>
  list.map((bar) => ({ partitionKey: symbol, data: { symbol, interval: "1d", ...bar } }));

/** The body of every message on RejectedMarketData, taken off the queue. */
async function setAsideBodies(): Promise<string[]> {
  const url = queueUrl("RejectedMarketData");
  const found: string[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return found;
    for (const message of Messages) {
      found.push(message.Body as string);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
    }
  }
}

/** Everything on RejectedMarketData, taken off the queue. */
const setAside = async (): Promise<RejectedMarketRecord[]> =>
  (await setAsideBodies()).map((body) => JSON.parse(body));

const { maxMessageBytes } = SET_ASIDE_QUEUES.RejectedMarketData;
const setMaxMessageSize = (bytes: number) =>
  sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: queueUrl("RejectedMarketData"),
      Attributes: { MaximumMessageSize: String(bytes) },
    }),
  );

/** The records of an event that carry these payloads (shards interleave the order they were put in). */
const carrying = (event: KinesisStreamEvent, payloads: { data: unknown }[]) => {
  const texts = payloads.map(({ data }) => (typeof data === "string" ? data : JSON.stringify(data)));
  return event.Records.filter((r) => texts.includes(Buffer.from(r.kinesis.data, "base64").toString()));
};

/** Bytes that are neither JSON nor UTF-8, varied enough that a slice out of place shows. */
function garbage(bytes: number): Buffer {
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 1) data[i] = (i * 31 + Math.floor(i / 251)) % 256;
  return data;
}

/** The record of an event that carries these bytes. */
function recordOf(event: KinesisStreamEvent, data: Buffer): KinesisStreamRecord {
  const record = event.Records.find((r) => r.kinesis.data === data.toString("base64"));
  if (!record) throw new Error("no record carries that data");
  return record;
}

/** Where a rejected record sat on the stream, as its set-aside message must say it. */
const positionOf = (record: KinesisStreamRecord) => ({
  partitionKey: record.kinesis.partitionKey,
  sequenceNumber: record.kinesis.sequenceNumber,
  eventID: record.eventID,
  eventSourceARN: record.eventSourceARN,
  shardId: record.eventID.split(":")[0],
  arrivedAt: new Date(record.kinesis.approximateArrivalTimestamp * 1000).toISOString(),
});

/**
 * The record is on the queue in parts: each message under the queue's limit and carrying the record's
 * fields, parts 1 to n once each, whose data joined in part order is the record's, byte for byte.
 */
function expectSetAsideInParts(bodies: string[], record: KinesisStreamRecord, bytes: Buffer) {
  const parts = bodies
    .map((body) => ({ body, message: JSON.parse(body) as RejectedMarketRecord }))
    .filter(({ message }) => message.sequenceNumber === record.kinesis.sequenceNumber);
  for (const { body } of parts) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(REJECT_MESSAGE_BYTES);
  expect(REJECT_MESSAGE_BYTES).toBeLessThan(maxMessageBytes);
  const count = parts.length;
  expect(count).toBeGreaterThanOrEqual(Math.ceil(record.kinesis.data.length / REJECT_MESSAGE_BYTES));
  const ordered = parts.map(({ message }) => message).sort((a, b) => Number(a.part) - Number(b.part));
  expect(ordered.map((m) => [m.part, m.parts])).toEqual(ordered.map((_, i) => [i + 1, count]));
  for (const { data, part, parts: total, ...fields } of ordered) {
    expect(fields).toEqual({
      ...positionOf(record),
      reason: "data is not JSON",
      rejectedAt: ordered[0]?.rejectedAt,
    });
  }
  const joined = ordered.map((m) => m.data).join("");
  expect(joined === record.kinesis.data).toBe(true);
  expect(Buffer.from(joined, "base64").equals(bytes)).toBe(true);
}

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
    expect(await consumerFailures(event)).toEqual([]);

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
        ...positionOf(record),
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
    expect(await consumerFailures(event)).toEqual([]);
    const landed = await setAside();
    expect(landed.map((r) => r.reason).sort()).toEqual([
      expect.stringMatching(/^close 1e\+308 is outside/),
      expect.stringMatching(/^close 1e-200 is outside/),
      expect.stringMatching(/^volume 1e\+308 is outside/),
    ]);
    expect((await loadWindow("KRG", "1d")).bars).toHaveLength(2);
  });

  it("applies records not partitioned by their symbol, and says so once a batch with a count", async () => {
    // At the consumer's parallelization factor 3 Lambda keeps only one partition key's records in order: a
    // producer keying by series (`KRP#1d`) could have a symbol's bars applied out of order, and nothing said.
    const warn = vi.spyOn(logger, "warn");
    const added = vi.spyOn(metrics, "addMetric");
    const [first, second, third, fourth] = bars;
    const keyed = (partitionKey: string, bar: Bar | undefined) => ({
      partitionKey,
      data: { symbol: "KRP", interval: "1d", ...bar },
    });
    await reader.put([
      keyed("KRP", first),
      keyed("KRP#1d", second),
      keyed("krp", third),
      keyed("KRP#1d", fourth),
    ]);
    const event = await reader.nextEvent();
    expect(await consumerFailures(event)).toEqual([]);
    const said = warn.mock.calls.filter(
      ([message]) => message === "Market data records not partitioned by their symbol",
    );
    expect(said).toEqual([
      [
        "Market data records not partitioned by their symbol",
        {
          records: 2,
          first: [
            expect.objectContaining({ partitionKey: "KRP#1d", symbol: "KRP" }),
            expect.objectContaining({ partitionKey: "KRP#1d", symbol: "KRP" }),
          ],
        },
      ],
    ]);
    const counted = added.mock.calls.filter(([name]) => name === "MisroutedRecords");
    expect(counted.reduce((sum, [, , value]) => sum + Number(value), 0)).toBe(2);
    warn.mockRestore();
    added.mockRestore();
    expect((await loadWindow("KRP", "1d")).bars).toHaveLength(4);
  });

  it("sets aside a record whose key names a field of its bar another way, rather than apply the bar without it", async () => {
    const misnamed = {
      partitionKey: "KRV",
      data: { symbol: "KRV", interval: "1d", time: "2000-01-05", close: 5, Volume: 1200 },
    };
    await reader.put([...good("KRV", bars.slice(0, 2)), misnamed]);
    const event = await reader.nextEvent();
    expect(await consumerFailures(event)).toEqual([]);
    expect((await setAside()).map((r) => r.reason)).toEqual([
      expect.stringMatching(/^the bar's "Volume" is no field \(did you mean volume\?\): fields are named/),
    ]);
    expect((await loadWindow("KRV", "1d")).bars).toHaveLength(2);
  });

  it("says why a time is not one, in the words of the CLI and POST /patterns (core's timeStyle)", async () => {
    const odd = ["2000-02-30", "01/02/2000", "2000-01-05T24:00"].map((time) => ({
      partitionKey: "KRT",
      data: { symbol: "KRT", interval: "1d", time, close: 5 },
    }));
    await reader.put([...good("KRT", bars.slice(0, 2)), ...odd]);
    const event = await reader.nextEvent();
    expect(await consumerFailures(event)).toEqual([]);
    const landed = await setAside();
    expect(landed.map((r) => r.reason).sort()).toEqual([
      'time: time "01/02/2000" is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds',
      'time: time "2000-01-05T24:00" is not a time of day (hours to 23, minutes and seconds to 59, a zone to 23:59)',
      'time: time "2000-02-30" is not a date on the calendar',
    ]);
    expect((await loadWindow("KRT", "1d")).bars).toHaveLength(2);
  });

  it("sets aside a time whose instant is outside the years 0000 to 9999 in UTC, applying the good ones", async () => {
    // The year -1 bar was applied as KRY's first (its ISO form -000001-12-31T23:00:00.000Z, how stored
    // times are keyed); the year 10000 one was set aside, but as stamped over a day after its arrival.
    const odd = (time: string) => ({
      partitionKey: "KRY",
      data: { symbol: "KRY", interval: "1d", time, close: 5 },
    });
    await reader.put([
      odd("0000-01-01T00:00:00+01:00"),
      ...good("KRY", bars.slice(0, 2)),
      odd("9999-12-31T23:59:59-12:00"),
    ]);
    const event = await reader.nextEvent();
    expect(await consumerFailures(event)).toEqual([]);
    const landed = await setAside();
    expect(landed.map((r) => r.reason).sort()).toEqual([
      'time: time "0000-01-01T00:00:00+01:00" is not a time from the year 0000 to 9999 in UTC (it is -000001-12-31T23:00:00.000Z)',
      'time: time "9999-12-31T23:59:59-12:00" is not a time from the year 0000 to 9999 in UTC (it is +010000-01-01T11:59:59.000Z)',
    ]);
    expect((await loadWindow("KRY", "1d")).bars.map((b) => b.time)).toEqual(
      bars.slice(0, 2).map((b) => b.time),
    );
  });

  it("sets aside a time of eight digits, as text or a JSON number, naming both readings, and applies the good ones", async () => {
    // 19991230 (a finance export's 1999-12-30) was applied as KRD's first bar, epoch seconds of 1970.
    const odd = (time: string | number) => ({
      partitionKey: "KRD",
      data: { symbol: "KRD", interval: "1d", time, close: 5 },
    });
    await reader.put([odd("19991230"), odd(19991231), ...good("KRD", bars.slice(0, 2))]);
    const event = await reader.nextEvent();
    expect(await consumerFailures(event)).toEqual([]);
    const landed = await setAside();
    expect(landed.map((r) => r.reason).sort()).toEqual([
      'time: time "19991230" is ambiguous: 8 digits read as epoch seconds are 1970-08-20T09:07:10Z, and as a date 1999-12-30; write the date 1999-12-30, or epoch seconds with more digits (019991230)',
      'time: time "19991231" is ambiguous: 8 digits read as epoch seconds are 1970-08-20T09:07:11Z, and as a date 1999-12-31; write the date 1999-12-31, or epoch seconds with more digits (019991231)',
    ]);
    expect((await loadWindow("KRD", "1d")).bars.map((b) => b.time)).toEqual(
      bars.slice(0, 2).map((b) => b.time),
    );
  });

  it("sets aside a symbol or interval padded with other than ASCII spaces, not applied as KRS's bar", async () => {
    // String trim() took these: a record of "KRS\ufeff" was applied to KRS's window.
    const padded = [
      { symbol: "KRS\ufeff", interval: "1d" },
      { symbol: "\u2028KRS", interval: "1d" },
      { symbol: "KRS\u00a0", interval: "1d" },
      { symbol: "KRS", interval: "1d\u2029" },
    ].map((series, i) => ({
      partitionKey: "KRS",
      data: { ...series, time: `2001-01-0${i + 2}`, close: 5 },
    }));
    await reader.put([...good("KRS", bars.slice(0, 2)), ...padded]);
    const event = await reader.nextEvent();
    expect(await consumerFailures(event)).toEqual([]);
    const landed = await setAside();
    expect(landed.map((r) => r.reason).sort()).toEqual([
      expect.stringMatching(/^interval: interval must look like/),
      `symbol: ${SYMBOL_RULE}`,
      `symbol: ${SYMBOL_RULE}`,
      `symbol: ${SYMBOL_RULE}`,
    ]);
    expect((await loadWindow("KRS", "1d")).bars.map((b) => b.time)).toEqual(
      bars.slice(0, 2).map((b) => b.time),
    );
  });

  it("keeps a partition key with characters SQS refuses in a message (escaped JSON, same text)", async () => {
    const odd = { partitionKey: "KR\uFFFE\u00e9\u{1F4C8}", data: "not a bar" };
    await reader.put([odd, ...good("KRF", bars.slice(0, 3))]);
    const event = await reader.nextEvent();
    expect(await consumerFailures(event)).toEqual([]);
    expect((await setAside()).map((r) => r.partitionKey)).toEqual([odd.partitionKey]);
  });

  it("reports one that SQS refuses by its sequence number, and sets the others aside", async () => {
    // SQS refuses a message over the queue's maximum size, entry by entry within the batch.
    await setMaxMessageSize(1024);
    const [large, small] = [
      { partitionKey: "KRC", data: "x".repeat(2000) },
      { partitionKey: "KRC", data: "short garbage" },
    ];
    await reader.put([large, small, ...good("KRC", bars.slice(0, 10))]);
    const event = await reader.nextEvent();
    const failures = await consumerFailures(event);
    await setMaxMessageSize(maxMessageBytes);
    const sequenceOf = (payload: { data: unknown }) => carrying(event, [payload])[0]?.kinesis.sequenceNumber;
    expect(failures).toEqual([sequenceOf(large)]);
    expect((await setAside()).map((r) => r.sequenceNumber)).toEqual([sequenceOf(small)]);
    expect((await loadWindow("KRC", "1d")).bars).toHaveLength(10);
  });

  it("sets a 900 KB record aside in parts under the queue's limit, a small one whole, and applies the good ones", async () => {
    const warn = vi.spyOn(logger, "warn");
    const long = garbage(900 * 1024);
    const small = { partitionKey: "KRL", data: "small garbage" };
    await reader.put([
      ...good("KRL", bars.slice(0, 5)),
      { partitionKey: "KRL", data: long },
      small,
      ...good("KRL", bars.slice(5, 10)),
    ]);
    const event = await reader.nextEvent();
    const { result: failures, lines } = await captureLogs("WARN", () => consumerFailures(event));
    expect(failures).toEqual([]);

    const bodies = await setAsideBodies();
    expectSetAsideInParts(bodies, recordOf(event, long), long);
    const [smallRecord] = carrying(event, [small]);
    const smallOnes = bodies
      .map((body) => JSON.parse(body))
      .filter((m) => m.partitionKey === "KRL" && !m.parts);
    expect(smallOnes).toEqual([
      {
        data: smallRecord?.kinesis.data,
        partitionKey: "KRL",
        sequenceNumber: smallRecord?.kinesis.sequenceNumber,
        eventID: smallRecord?.eventID,
        eventSourceARN: smallRecord?.eventSourceARN,
        shardId: smallRecord?.eventID.split(":")[0],
        arrivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        reason: "data is not JSON",
        rejectedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    expect((await loadWindow("KRL", "1d")).bars).toHaveLength(10);

    // The log says which record and why, with its data cut short: the whole is on the queue.
    const logged = warn.mock.calls
      .filter(([message]) => message === "Malformed market data record")
      .map(([, fields]) => fields as unknown as Record<string, unknown>);
    warn.mockRestore();
    const longLogged = logged.find(
      (fields) => fields.sequenceNumber === recordOf(event, long).kinesis.sequenceNumber,
    );
    // The line as printed: a preview, however long the record (at 1-second bars a feed-wide fault prints
    // thousands a second). Deployed, the function's name and ARN add about 105 bytes.
    const printed = lines.find(
      (line) => line.sequenceNumber === recordOf(event, long).kinesis.sequenceNumber,
    );
    expect(printed).toMatchObject({ level: "WARN", message: "Malformed market data record" });
    expect(Buffer.byteLength(`${JSON.stringify(printed)}\n`)).toBeLessThan(1_024);
    expect(longLogged).toMatchObject({
      reason: "data is not JSON",
      dataBytes: long.length,
      setAsideOn: "RejectedMarketData",
    });
    expect(longLogged?.data).toBe(long.subarray(0, (LOGGED_DATA_CHARS / 4) * 3).toString("base64"));
    expect(logged.find((fields) => fields.sequenceNumber === smallRecord?.kinesis.sequenceNumber)).toEqual({
      eventID: smallRecord?.eventID,
      sequenceNumber: smallRecord?.kinesis.sequenceNumber,
      partitionKey: "KRL",
      reason: "data is not JSON",
      data: smallRecord?.kinesis.data,
      setAsideOn: "RejectedMarketData",
    });
  });

  it("sets a 3 MB record aside in parts (Kinesis takes records up to 10 MiB)", async () => {
    // kinesalite refuses a record over 1 MiB (Kinesis's old limit), so the 3 MB record is one it
    // delivered, given 3 MB of data, in a batch with good records it delivered too.
    await reader.put([{ partitionKey: "KRM", data: "to be 3 MB" }, ...good("KRM", bars.slice(0, 3))]);
    const delivered = await reader.nextEvent();
    const long = garbage(3 * 1024 * 1024);
    const event: KinesisStreamEvent = {
      Records: delivered.Records.map((record) =>
        Buffer.from(record.kinesis.data, "base64").toString() === "to be 3 MB"
          ? { ...record, kinesis: { ...record.kinesis, data: long.toString("base64") } }
          : record,
      ),
    };
    expect(await consumerFailures(event)).toEqual([]);
    expectSetAsideInParts(await setAsideBodies(), recordOf(event, long), long);
    expect((await loadWindow("KRM", "1d")).bars).toHaveLength(3);
  });

  it("reports a record any of whose parts SQS refuses, and sends all its parts again on the retry", async () => {
    // 300 KB is two parts, the second shorter: a queue taking 200,000 bytes takes it and refuses the first.
    const long = garbage(300 * 1024);
    await reader.put([{ partitionKey: "KRN", data: long }, ...good("KRN", bars.slice(0, 4))]);
    const event = await reader.nextEvent();
    const record = recordOf(event, long);
    await setMaxMessageSize(200_000);
    const failures = await consumerFailures(event);
    await setMaxMessageSize(maxMessageBytes);
    expect(failures).toEqual([record.kinesis.sequenceNumber]);
    const first = (await setAsideBodies()).map((body) => JSON.parse(body) as RejectedMarketRecord);
    expect(first.map((m) => [m.part, m.parts])).toEqual([[2, 2]]);

    // Lambda's retry: every part is sent again; part 2 is now there twice, told apart by sequenceNumber+part.
    expect(await consumerFailures(event)).toEqual([]);
    const bodies = [...first.map((m) => JSON.stringify(m)), ...(await setAsideBodies())];
    expect(bodies).toHaveLength(3);
    const distinct = [
      ...new Map(bodies.map((b) => JSON.parse(b)).map((m) => [`${m.sequenceNumber}:${m.part}`, m])).values(),
    ];
    expectSetAsideInParts(
      distinct.map((m) => JSON.stringify(m)),
      record,
      long,
    );
    expect((await loadWindow("KRN", "1d")).bars).toHaveLength(4);
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
    const failures = await consumerFailures(event);
    expect(failures.sort()).toEqual([...rejects].sort());
    expect((await loadWindow("KRD", "1d")).bars).toHaveLength(12);
    expect((await loadWindow("KRE", "1d")).bars).toHaveLength(15);

    // Lambda retries the batch once the queue is back: the rejects land, the good bars change nothing.
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: "RejectedMarketData",
        Attributes: {
          MessageRetentionPeriod: String(SET_ASIDE_QUEUES.RejectedMarketData.retentionSeconds),
          MaximumMessageSize: String(maxMessageBytes),
        },
      }),
    );
    expect(QueueUrl).toBe(url);
    expect(await consumerFailures(event)).toEqual([]);
    expect((await setAside()).map((r) => r.sequenceNumber).sort()).toEqual([...rejects].sort());
    expect((await loadWindow("KRD", "1d")).bars).toHaveLength(12);
  });
});
