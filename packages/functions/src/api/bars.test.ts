// GET /bars after the stream followed a series in several batches: the window item keeps the detector's
// window in `bars` and the bars before it in `earlierBars`, together the newest HELD_BARS; the route answers
// them from a time on, so every bar after an open outcome's detection (and a few past a fresh decision)
// can be drawn; bad queries get problem+json 4xx.

import { BARS_AFTER_DECISION, HELD_BARS, scanOutcomes, sortableTime, WINDOW } from "@stock-patterns/core";
import { heldBarsSchema } from "@stock-patterns/core/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unpackStoredBars } from "#analysis";
import { StreamReader, scanTable } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { call, expectInvalidQueries } from "#test/http";
import { replaySeries } from "#test/stream-replay";

// 340 bars: two outcomes still open at the end and one decided within the last BARS_AFTER_DECISION bars.
const long = sp500().slice(0, 340);
const short = sp500().slice(2000, 2050);
/** Small batches: the held bars must carry across many window saves. */
const BATCH = 45;

const reader = new StreamReader();
beforeAll(async () => {
  await replaySeries(reader, { HELD: long, FEW: short }, BATCH);
}, 120_000);
afterAll(() => reader.close());

const get = (query: string) => call(`/bars?${query}`, { key: "reader" });

describe("the window the stream keeps", () => {
  it("holds the detector's window in bars and the bars before it in earlierBars: the newest HELD_BARS", async () => {
    const items = await scanTable<{ symbol: string; bars: unknown; earlierBars: unknown; outcomes: unknown }>(
      JSON.parse(process.env.SST_RESOURCE_SymbolWindows as string).name,
    );
    const held = items.find((item) => item.symbol === "HELD");
    // Stored as text (packed bars, the outcomes as JSON), each one attribute value.
    expect([typeof held?.bars, typeof held?.earlierBars, typeof held?.outcomes]).toEqual([
      "string",
      "string",
      "string",
    ]);
    expect(unpackStoredBars(held?.bars)).toEqual(long.slice(-WINDOW));
    expect(unpackStoredBars(held?.earlierBars)).toEqual(long.slice(-HELD_BARS, -WINDOW));
    const few = items.find((item) => item.symbol === "FEW");
    expect(unpackStoredBars(few?.bars)).toEqual(short.slice(-WINDOW));
    expect(unpackStoredBars(few?.earlierBars)).toEqual(short.slice(0, -WINDOW));
  });
});

describe("GET /bars", () => {
  it("answers the held bars without from, oldest first, and where they start", async () => {
    const { status, json } = await get("symbol=held&interval=1d");
    expect(status).toBe(200);
    expect(heldBarsSchema.parse(json)).toEqual(json);
    expect(json).toMatchObject({ symbol: "HELD", interval: "1d", from: null });
    expect(json.bars).toEqual(long.slice(-HELD_BARS));
    expect(json.heldFrom).toBe(long.at(-HELD_BARS)?.time);
  });

  it("answers the bars at or after from, which may be a date, a datetime or epoch seconds", async () => {
    const first = long.length - 30;
    const time = long[first]?.time as string;
    const iso = sortableTime(time) as string;
    for (const from of [time, iso, String(Date.parse(iso) / 1000)]) {
      const { status, json } = await get(`symbol=HELD&interval=1d&from=${encodeURIComponent(from)}`);
      expect(status, from).toBe(200);
      expect(json.from, from).toBe(iso);
      expect(json.bars, from).toEqual(long.slice(first));
    }
  });

  it("holds every bar after an open outcome's detection, and past a decision made at most BARS_AFTER_DECISION bars ago", async () => {
    const index = (time: string | null) => long.findIndex((bar) => bar.time === time);
    const newest = long.length - 1;
    const followed = scanOutcomes(long).filter(
      (d) => d.outcome.status === "open" || index(d.outcome.resolvedAt) >= newest - BARS_AFTER_DECISION,
    );
    expect(followed.filter((d) => d.outcome.status === "open").length).toBeGreaterThan(0);
    expect(followed.filter((d) => d.outcome.status !== "open").length).toBeGreaterThan(0);
    for (const detection of followed) {
      const { json } = await get(`symbol=HELD&interval=1d&from=${detection.detectedAt}`);
      const after = json.bars.filter((bar: { time: string }) => bar.time > detection.detectedAt);
      expect(after, `${detection.pattern}@${detection.detectedAt}`).toEqual(
        long.slice(index(detection.detectedAt) + 1),
      );
    }
  });

  it("answers from heldFrom on for a from before the bars it holds, and nothing for one after the newest", async () => {
    const before = await get("symbol=HELD&interval=1d&from=1990-01-01");
    expect(before.json.bars).toEqual(long.slice(-HELD_BARS));
    const after = await get("symbol=HELD&interval=1d&from=2100-01-01");
    expect(after.status).toBe(200);
    expect(after.json.bars).toEqual([]);
    expect(after.json.heldFrom).toBe(long.at(-HELD_BARS)?.time);
  });

  it("answers every bar of a series shorter than HELD_BARS", async () => {
    const { json } = await get("symbol=FEW&interval=1d");
    expect(json.bars).toEqual(short);
    expect(json.heldFrom).toBe(short[0]?.time);
  });

  it("answers 404 for a series the stream has not seen", async () => {
    for (const query of ["symbol=NONE&interval=1d", "symbol=HELD&interval=1h"]) {
      const { status, json } = await get(query);
      expect(status, query).toBe(404);
      expect(json.detail, query).toMatch(/holds no bars/);
    }
  });

  it("answers 400 naming the field for a missing or bad symbol, interval or from", async () => {
    await expectInvalidQueries("/bars", [
      ["interval=1d", "query.symbol"],
      ["symbol=S%20PX&interval=1d", "query.symbol"],
      ["symbol=HELD", "query.interval"],
      ["symbol=HELD&interval=1x", "query.interval"],
      ["symbol=HELD&interval=1d&from=yesterday", "query.from"],
    ]);
  });

  it("refuses a from past the year 9999 in UTC, whose ISO form would sort before every bar", async () => {
    // 9999-12-31T23:59:59-12:00 is +010000-01-01T11:59:59.000Z: compared as text, before 1999's bars.
    const { status, json } = await get(
      `symbol=HELD&interval=1d&from=${encodeURIComponent("9999-12-31T23:59:59-12:00")}`,
    );
    expect([status, json.bars?.length, json.errors?.[0]?.path]).toEqual([400, undefined, "query.from"]);
  });

  it("needs a key, and takes only GET", async () => {
    expect((await call("/bars?symbol=HELD&interval=1d")).status).toBe(401);
    expect((await call("/bars?symbol=HELD&interval=1d", { key: "reader", body: {} })).status).toBe(405);
  });
});
