// GET /stats after the stream followed the bundled series (data/sp500-2000.csv) and a second symbol: one
// series' evidence equals core's batch evidenceOf (the CLI's `patterns stats --as-of`) on every figure the
// stream keeps, now and as of a past time (the newest snapshot at or before it, whose time the answer
// names); the evidence pooled over the interval, counted by the ThresholdChecker's scheduled run, equals
// evidenceOf over both series, now and as of a past time (each series through its snapshot then); bad
// queries get problem+json 4xx.

import assert from "node:assert";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { type Bar, evidenceOf, scanOutcomes, sortableTime } from "@stock-patterns/core";
import { statsSchema } from "@stock-patterns/core/contracts";
import type { KinesisStreamEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dynamo } from "#aws";
import { handler as thresholdChecker } from "#handlers/threshold-checker";
import { lambdaContext, StreamReader, scheduledEvent } from "#test/aws";
import { running } from "#test/evidence";
import { sp500 } from "#test/fixtures";
import { call, expectInvalidQueries } from "#test/http";
import { replaySeries } from "#test/stream-replay";

const spx = sp500();
const other = sp500().slice(1000, 2500);
const batch = (bars: Bar[]) => ({ bars, detections: scanOutcomes(bars) });

const reader = new StreamReader();
let delivered: KinesisStreamEvent[] = [];
beforeAll(async () => {
  delivered = await replaySeries(reader, { SPX: spx, STB: other });
}, 240_000);
afterAll(() => reader.close());

/** The time of the last bar of `symbol` in each delivered batch: where the consumer snapshots its tally. */
function batchEnds(symbol: string): string[] {
  return delivered.flatMap((event) => {
    const times = event.Records.filter((r) => r.kinesis.partitionKey === symbol).map(
      (r) => JSON.parse(Buffer.from(r.kinesis.data, "base64").toString()).time as string,
    );
    return times.slice(-1);
  });
}

/** The newest batch end of `symbol` at or before `asked`: the snapshot an answer as of `asked` uses. */
const snapshotUsed = (symbol: string, asked: string) =>
  batchEnds(symbol)
    .filter((t) => t <= asked)
    .sort()
    .at(-1);

/** Numbers to 12 significant digits: pooled sums add the series in another order than one pass does. */
const rounded = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (_k, x) => (typeof x === "number" ? Number(x.toPrecision(12)) : x)));

describe("GET /stats for one series", () => {
  it("answers evidenceOf at the series' last bar, without median and KS", async () => {
    const { status, json } = await call("/stats?symbol=spx&interval=1d", { key: "reader" });
    expect(status).toBe(200);
    expect(statsSchema.parse(json)).toEqual(json);
    expect(json).toMatchObject({ symbol: "SPX", interval: "1d", series: 1 });
    const last = spx.at(-1);
    assert(last, "the SPX series has bars");
    expect(json.asOf).toBe(sortableTime(last.time));
    expect(json.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(json.evidence).toEqual(evidenceOf([batch(spx)]).map(running));
    expect(json.evidence).toHaveLength(12);
    expect(json.evidence.find((e: { pattern: string }) => e.pattern === "HS").resolved).toBeGreaterThan(10);
  });

  it("as of a past time, answers the newest snapshot at or before it, naming its time, equal to evidenceOf then", async () => {
    const asked = "2010-01-02";
    const used = snapshotUsed("SPX", asked) as string;
    expect(used > "2009-01-01").toBe(true);
    const { status, json } = await call(`/stats?symbol=SPX&interval=1d&asOf=${asked}`, { key: "reader" });
    expect(status).toBe(200);
    expect(json).toMatchObject({ asOf: sortableTime(used), requestedAsOf: asked });
    const expected = evidenceOf([batch(spx)], used).map(running);
    expect(json.evidence).toEqual(expected);
    // Not the end-of-data figures: the past answer counts fewer detections.
    const now = evidenceOf([batch(spx)]).map(running);
    const [expectedFirst] = expected;
    const [nowFirst] = now;
    assert(expectedFirst && nowFirst, "evidenceOf answers a row per pattern");
    expect(expectedFirst.detections).toBeLessThan(nowFirst.detections);
  });

  it("as of a year or a month, answers as of its first day (it read 2010 as epoch seconds of 1970)", async () => {
    for (const [given, day] of [
      ["2010", "2010-01-01"],
      ["2010-06", "2010-06-01"],
    ]) {
      const asked = await call(`/stats?symbol=SPX&interval=1d&asOf=${given}`, { key: "reader" });
      const dated = await call(`/stats?symbol=SPX&interval=1d&asOf=${day}`, { key: "reader" });
      expect([given, asked.status]).toEqual([given, 200]);
      expect(asked.json).toMatchObject({ requestedAsOf: given, asOf: dated.json.asOf });
      expect(asked.json.evidence).toEqual(dated.json.evidence);
    }
  });

  it("answers one code when asked for it", async () => {
    const { json } = await call("/stats?symbol=SPX&interval=1d&pattern=DTOP", { key: "reader" });
    expect(json.evidence).toEqual(
      evidenceOf([batch(spx)])
        .map(running)
        .filter((e) => e.pattern === "DTOP"),
    );
  });

  it("answers 404 for a series the stream has not counted, or not by asOf", async () => {
    for (const query of [
      "symbol=NONE&interval=1d",
      "symbol=SPX&interval=1h",
      "symbol=SPX&interval=1d&asOf=1999-06-01",
    ]) {
      const { status, json } = await call(`/stats?${query}`, { key: "reader" });
      expect(status, query).toBe(404);
      expect(json.detail, query).toMatch(/no evidence/);
    }
  });
});

describe("GET /stats across symbols", () => {
  it("answers 404 until the evidence has been pooled, then the pooled evidence with its age", async () => {
    const before = await call("/stats?interval=1d", { key: "reader" });
    expect(before.status).toBe(404);
    const started = Date.now();
    const run = await thresholdChecker(scheduledEvent(), lambdaContext("ThresholdChecker"));
    expect(run.pooled).toEqual({ "1d": 2 });
    const { status, json } = await call("/stats?interval=1d", { key: "reader" });
    expect(status).toBe(200);
    expect(json).toMatchObject({ symbol: null, interval: "1d", asOf: null, series: 2 });
    expect(Date.parse(json.computedAt)).toBeGreaterThanOrEqual(started - 1000);
    expect(json.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(json.ageSeconds).toBeLessThan(300);
    const expected = evidenceOf([batch(spx), batch(other)]).map(running);
    expect(rounded(json.evidence)).toEqual(rounded(expected));
    expect(json.evidence[0].horizons["1"].baseline.n).toBe(spx.length - 1 + other.length - 1);
  });

  it("as of a past time, pools each listed series' newest snapshot at or before it and says which", async () => {
    // Pooled by the run above, which listed both series.
    const asked = "2007-03-01";
    const spxUsed = snapshotUsed("SPX", asked) as string;
    const stbUsed = snapshotUsed("STB", asked) as string;
    // Snapshots come once a delivered batch (about a year of bars here): the two series' differ.
    expect(spxUsed.slice(0, 4)).toBe("2005");
    expect(stbUsed.slice(0, 4)).toBe("2006");
    const { status, json } = await call(`/stats?interval=1d&asOf=${asked}`, { key: "reader" });
    expect(status).toBe(200);
    expect(statsSchema.parse(json)).toEqual(json);
    expect(json).toMatchObject({ symbol: null, asOf: null, requestedAsOf: asked, series: 2 });
    expect(json.pooledFrom).toMatchObject({
      listed: 2,
      oldestAsOf: sortableTime([spxUsed, stbUsed].sort()[0] as string),
      newestAsOf: sortableTime([spxUsed, stbUsed].sort()[1] as string),
    });
    // Each series counted up to its own snapshot's bar: the batch evidence of the bars through it.
    const through = (bars: Bar[], last: string) => batch(bars.filter((bar) => bar.time <= last));
    const expected = evidenceOf([through(spx, spxUsed), through(other, stbUsed)]).map(running);
    expect(rounded(json.evidence)).toEqual(rounded(expected));
    const now = evidenceOf([batch(spx), batch(other)]).map(running);
    const [expectedFirst] = expected;
    const [nowFirst] = now;
    assert(expectedFirst && nowFirst, "evidenceOf answers a row per pattern");
    expect(expectedFirst.detections).toBeLessThan(nowFirst.detections);

    // Before the second series began, only the first counts.
    const early = await call("/stats?interval=1d&asOf=2002-06-01&pattern=HS", { key: "reader" });
    expect(early.status).toBe(200);
    expect(early.json).toMatchObject({ series: 1, pooledFrom: { listed: 2 } });
    const spxEarly = snapshotUsed("SPX", "2002-06-01") as string;
    expect(rounded(early.json.evidence)).toEqual(
      rounded(
        evidenceOf([through(spx, spxEarly)])
          .map(running)
          .filter((e) => e.pattern === "HS"),
      ),
    );

    // Before any series began, and for an interval never listed: 404 with the reason.
    const none = await call("/stats?interval=1d&asOf=1999-06-01", { key: "reader" });
    expect(none.status).toBe(404);
    expect(none.json.detail).toMatch(/any of the 2 series/);
    const unlisted = await call("/stats?interval=1h&asOf=2007-03-01", { key: "reader" });
    expect(unlisted.status).toBe(404);
    expect(unlisted.json.detail).toMatch(/no series of interval 1h listed/);
  });

  it("names the listed symbol a series it has not counted was likely meant as, when one alone is near", async () => {
    // Listed by the pooling run above: SPX and STB of 1d.
    const detail = async (path: string) => (await call(path, { key: "reader" })).json.detail as string;
    expect(await detail("/stats?symbol=SPXX&interval=1d")).toMatch(
      /has not counted that series \(did you mean SPX\?\)$/,
    );
    expect(await detail("/stats?symbol=ST&interval=1d&asOf=2007-03-01")).toMatch(/\(did you mean STB\?\)$/);
    expect(await detail("/bars?symbol=SPY&interval=1d")).toBe(
      "the stream holds no bars of SPY 1d (did you mean SPX?)",
    );
    // The problem gives it as a field too, for the console to link.
    expect((await call("/stats?symbol=SPXX&interval=1d", { key: "reader" })).json.meant).toBe("SPX");
    expect((await call("/stats?symbol=NONE&interval=1d", { key: "reader" })).json).not.toHaveProperty(
      "meant",
    );
    // Nothing near, two as near (SPB: SPX and STB are one letter off each), or an interval never listed: no guess.
    expect(await detail("/stats?symbol=NONE&interval=1d")).toMatch(/has not counted that series$/);
    expect(await detail("/bars?symbol=SPB&interval=1d")).toBe("the stream holds no bars of SPB 1d");
    expect(await detail("/stats?symbol=SPXX&interval=1h")).toMatch(/has not counted that series$/);
  });

  it("answers the 404 without the hint when the list of series cannot be read", async () => {
    const client = dynamo();
    const original = client.send.bind(client) as (command: object) => Promise<unknown>;
    // DynamoDB refuses the list's Query (the hint's one read) and answers every other call.
    const send = vi.spyOn(client, "send").mockImplementation(async (command: object) => {
      const key =
        command instanceof QueryCommand ? command.input.ExpressionAttributeValues?.[":series"] : undefined;
      if (typeof key === "string" && key.startsWith("@"))
        throw new Error("ProvisionedThroughputExceededException");
      return original(command);
    });
    try {
      const { status, json } = await call("/stats?symbol=SPXX&interval=1d", { key: "reader" });
      expect([status, json.detail, json.meant]).toEqual([
        404,
        "no evidence for SPXX 1d: the stream has not counted that series",
        undefined,
      ]);
      expect(send.mock.calls.some(([command]) => command instanceof QueryCommand)).toBe(true);
    } finally {
      send.mockRestore();
    }
  });
});

describe("GET /stats validation", () => {
  it("answers 400 naming the field for a bad interval, asOf, pattern or symbol", async () => {
    await expectInvalidQueries("/stats", [
      ["symbol=SPX", "query.interval"],
      ["symbol=SPX&interval=1x", "query.interval"],
      ["symbol=SPX&interval=1d&asOf=yesterday", "query.asOf"],
      ["symbol=SPX&interval=1d&pattern=CUP", "query.pattern"],
      ["symbol=S%20PX&interval=1d", "query.symbol"],
      ["interval=1d&asOf=someday", "query.asOf"],
    ]);
  });

  it("needs a key, and takes only GET", async () => {
    expect((await call("/stats?interval=1d")).status).toBe(401);
    expect((await call("/stats?interval=1d", { key: "reader", body: {} })).status).toBe(405);
  });
});
