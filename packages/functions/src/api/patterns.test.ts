// POST /patterns runs the real workflow (local StartSyncExecution → ASL → PatternDetector → emulators);
// GET /patterns pages through what was stored.

import assert from "node:assert";
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  type Evidence,
  evidenceOf,
  type Outcome,
  outcomeRecord,
  scanBars,
  scanOutcomes,
} from "@stock-patterns/core";
import { TABLES } from "@stock-patterns/core/catalog";
import { analysisSchema } from "@stock-patterns/core/contracts";
import { createTableInput } from "@stock-patterns/emulators";
import { describe, expect, it } from "vitest";
import { sp500 } from "#test/fixtures";
import { call } from "#test/http";
import { captureLogs } from "#test/logs";

const bars = sp500().slice(0, 300);
const asJson = (list: typeof bars) =>
  list.map(({ time, open, high, low, close, volume }) => ({ time, open, high, low, close, volume }));

describe("POST /patterns", () => {
  it("answers the detections with their confidence and the alerts raised", async () => {
    const { status, json } = await call("/patterns", {
      key: "analyst",
      body: { symbol: "apia", interval: "1d", bars: asJson(bars) },
    });
    expect(status).toBe(200);
    const expected = scanBars(bars);
    expect(json).toMatchObject({ status: "COMPLETED", symbol: "APIA", interval: "1d", barCount: 300 });
    expect(json.detections).toHaveLength(expected.length);
    expect(json.detections.map((d: { confidence: number }) => d.confidence).sort()).toEqual(
      expected.map((d) => d.confidence).sort(),
    );
    expect(json.alerts).toHaveLength(expected.filter((d) => d.confidence >= 60).length);
  });

  it("answers each detection's outcome, in the CLI's order, and the evidence per code, as scan --outcomes and stats give them", async () => {
    const series = sp500().slice(0, 1500);
    const { status, json } = await call("/patterns", {
      key: "analyst",
      body: { symbol: "APIO", interval: "1d", bars: asJson(series) },
    });
    expect(status).toBe(200);
    const cli = scanOutcomes(series);
    const key = (d: { pattern: string; detectedAt: string; start: string }) =>
      `${d.pattern}@${d.start}@${d.detectedAt}`;
    const outcomeOf = new Map(cli.map((d) => [key(d), outcomeRecord(d.outcome)]));
    // In the CLI's order (detectedAt, then code in PATTERNS.md's order), though the workflow's family
    // branches each find their own codes: 20 detections of these bars share a bar with another code.
    expect(json.detections.map(key)).toEqual(cli.map(key));
    for (const d of json.detections) expect(d.outcome, key(d)).toEqual(outcomeOf.get(key(d)));
    expect(json.detections.some((d: { outcome: Outcome }) => d.outcome.status === "target")).toBe(true);
    expect(json.evidence).toEqual(evidenceOf([{ bars: series, detections: cli }]));
    expect(json.evidence.find((e: Evidence) => e.pattern === "HS").horizons["5"].ks).not.toBeNull();
    // Declared in the answer's schema (zod drops undeclared fields), so the OpenAPI document has them.
    const declared = analysisSchema.parse(json);
    expect(declared.evidence).toEqual(json.evidence);
    expect(declared.detections.map((d) => d.outcome)).toEqual(
      json.detections.map((d: { outcome: Outcome }) => d.outcome),
    );
  });

  it("answers a series cut at a time as the whole series as of then, after the whole was sent (no look-ahead)", async () => {
    const whole = sp500().slice(0, 1500);
    const detections = scanOutcomes(whole);
    expect(
      (
        await call("/patterns", {
          key: "analyst",
          body: { symbol: "APCT", interval: "1d", bars: asJson(whole) },
        })
      ).status,
    ).toBe(200);
    for (const cut of [400, 777, 1100]) {
      const known = whole.slice(0, cut);
      const asOf = known.at(-1)?.time;
      const { status, json } = await call("/patterns", {
        key: "analyst",
        body: { symbol: "APCT", interval: "1d", bars: asJson(known) },
      });
      expect(status, `cut at ${asOf}`).toBe(200);
      // The stored records hold outcomes as of the whole series; the answer must not.
      expect(json.evidence, `cut at ${asOf}`).toEqual(evidenceOf([{ bars: whole, detections }], asOf));
      const thenKnown = scanOutcomes(known).map((d) => outcomeRecord(d.outcome));
      expect(
        json.detections.map((d: { outcome: Outcome }) => d.outcome),
        `cut at ${asOf}`,
      ).toEqual(thenKnown);
      expect(
        thenKnown.some((o) => o.status === "open"),
        `cut at ${asOf}`,
      ).toBe(true);
    }
  });

  it("answers 400 with the path of each invalid field", async () => {
    const { status, response, json } = await call("/patterns", {
      key: "analyst",
      body: { symbol: "", bars: "x" },
    });
    expect(status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const paths = new Set(json.errors.map((e: { path: string }) => e.path));
    expect([...paths].sort()).toEqual(["body.bars", "body.interval", "body.symbol"]);
  });

  it("names the bar that is wrong", async () => {
    const wrong = asJson(bars.slice(0, 50)) as Record<string, unknown>[];
    wrong[7] = { ...wrong[7], close: "high" };
    const shape = await call("/patterns", {
      key: "analyst",
      body: { symbol: "X", interval: "1d", bars: wrong },
    });
    expect(shape.status).toBe(400);
    expect(shape.json.errors).toEqual([expect.objectContaining({ path: "body.bars.7.close" })]);

    const unordered = asJson(bars.slice(0, 50));
    unordered.splice(20, 2, ...unordered.slice(20, 22).reverse());
    const order = await call("/patterns", {
      key: "analyst",
      body: { symbol: "X", interval: "1d", bars: unordered },
    });
    expect(order.status).toBe(400);
    // Named from 0 as the path counts, not as BarsError's "row 22" (from 1), which read as another bar.
    const why = `time "${unordered[21]?.time}" is not after the previous bar's "${unordered[20]?.time}"`;
    expect(order.json.errors).toEqual([{ path: "body.bars.21", message: why }]);
    expect(order.json.detail).toBe(`body.bars.21: ${why}`);
  });

  it("answers 400 for a time the CLI would refuse too, naming the bar and why (core's one time rule)", async () => {
    const cases: [string, string][] = [
      ["2000-02-30", "is not a date on the calendar"],
      ["01/02/2000", "is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds"],
      ["Feb 1 2000", "is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds"],
      ["2000-02-01T24:00", "is not a time of day"],
    ];
    for (const [time, why] of cases) {
      const odd = asJson(bars.slice(0, 50)) as Record<string, unknown>[];
      odd[30] = { ...odd[30], time };
      const { status, json } = await call("/patterns", {
        key: "analyst",
        body: { symbol: "X", interval: "1d", bars: odd },
      });
      expect(status, time).toBe(400);
      expect(json.errors, time).toEqual([expect.objectContaining({ path: "body.bars.30" })]);
      expect(json.detail, time).toContain(`time "${time}" ${why}`);
    }
  });

  it("answers 400 for a bar whose instant is outside the years 0000 to 9999 in UTC, storing nothing", async () => {
    // A detection known at such a bar was stored under the sort key +010000-01-01T11:59:59.000Z, which
    // sorts before every four-digit year, so `from`/`to` pages put it among the oldest.
    const e = bars.findIndex(
      (_, i) => i >= 37 && scanBars(bars.slice(0, i + 1)).some((d) => d.detectedAt === bars[i]?.time),
    );
    const late = asJson(bars.slice(0, e + 1));
    late[e] = { ...late[e], time: "9999-12-31T23:59:59-12:00" } as (typeof late)[number];
    const early = asJson(bars.slice(0, 40));
    early[0] = { ...early[0], time: "0000-01-01T00:00:00+01:00" } as (typeof early)[number];
    for (const [symbol, series, at, instant] of [
      ["APYL", late, e, "+010000-01-01T11:59:59.000Z"],
      ["APYE", early, 0, "-000001-12-31T23:00:00.000Z"],
    ] as const) {
      const { status, json } = await call("/patterns", {
        key: "analyst",
        body: { symbol, interval: "1d", bars: series },
      });
      const why = `time "${series[at]?.time}" is not a time from the year 0000 to 9999 in UTC (it is ${instant})`;
      expect([symbol, status, json.errors]).toEqual([
        symbol,
        400,
        [{ path: `body.bars.${at}`, message: why }],
      ]);
      const stored = await call(`/patterns?symbol=${symbol}`, { key: "reader" });
      expect([symbol, stored.json.items]).toEqual([symbol, []]);
    }
  });

  it("answers 400 for a time of eight digits, as text or a JSON number, naming the bar and both readings", async () => {
    // 20000103 is how a finance export writes 2000-01-03; read as epoch seconds it was 1970-08-20, and the
    // series was analysed and stored as bars of 1970.
    const compact = asJson(bars.slice(0, 40)).map((bar) => ({ ...bar, time: bar.time.replaceAll("-", "") }));
    for (const [symbol, series] of [
      ["APYD", compact],
      ["APYN", compact.map((bar) => ({ ...bar, time: Number(bar.time) }))],
    ] as const) {
      const { status, json } = await call("/patterns", {
        key: "analyst",
        body: { symbol, interval: "1d", bars: series },
      });
      const first = compact[0]?.time ?? "";
      const date = `${first.slice(0, 4)}-${first.slice(4, 6)}-${first.slice(6)}`;
      expect([symbol, status, json.errors]).toEqual([
        symbol,
        400,
        [{ path: "body.bars.0", message: expect.stringContaining(`time "${first}" is ambiguous`) }],
      ]);
      expect(json.errors[0].message).toContain(`and as a date ${date}; write the date ${date}`);
      const stored = await call(`/patterns?symbol=${symbol}`, { key: "reader" });
      expect([symbol, stored.json.items]).toEqual([symbol, []]);
    }
  });

  it("answers 400 for fewer bars than one detection window, and for a body that is not JSON", async () => {
    const few = await call("/patterns", {
      key: "analyst",
      body: { symbol: "X", interval: "1d", bars: asJson(bars.slice(0, 37)) },
    });
    expect(few.status).toBe(400);
    expect(few.json.errors[0]).toMatchObject({ path: "body.bars" });
    const broken = await call("/patterns", { key: "analyst", rawBody: "{ not json" });
    expect(broken.status).toBe(400);
    expect(broken.response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("analyses exactly 38 bars and exactly 5,000 bars (the limits are inclusive)", async () => {
    const fewest = await call("/patterns", {
      key: "analyst",
      body: { symbol: "APIL", interval: "1d", bars: asJson(bars.slice(0, 38)) },
    });
    expect(fewest.status).toBe(200);
    expect(fewest.json).toMatchObject({ status: "COMPLETED", barCount: 38 });
    // A steady daily climb: the largest series that fits, and nothing in it to detect or store.
    const day = 86_400_000;
    const most = Array.from({ length: 5000 }, (_, i) => ({
      time: new Date(Date.UTC(2000, 0, 1) + i * day).toISOString().slice(0, 10),
      close: 100 + i / 100,
    }));
    const largest = await call("/patterns", {
      key: "analyst",
      body: { symbol: "APIM", interval: "1d", bars: most },
    });
    expect(largest.status).toBe(200);
    expect(largest.json).toMatchObject({ status: "COMPLETED", barCount: 5000, detections: [] });
  });

  it("answers 413 for more than 5,000 bars, for a body over the limit, and for a series over the workflow's input", async () => {
    const many = Array.from({ length: 5001 }, (_, i) => ({
      time: String(1_000_000 + i * 60),
      close: 100 + (i % 7),
    }));
    const tooMany = await call("/patterns", {
      key: "analyst",
      body: { symbol: "X", interval: "1m", bars: many },
    });
    expect(tooMany.status).toBe(413);
    expect(tooMany.json.detail).toContain("5001");
    // Counted before any bar is checked: too many bars, one of them bad, is still 413 (it was a 400
    // naming the bad bar, after every bar had been validated).
    const tooManyOneBad = await call("/patterns", {
      key: "analyst",
      body: {
        symbol: "X",
        interval: "1m",
        bars: many.map((bar, i) => (i === 3 ? { ...bar, close: -1 } : bar)),
      },
    });
    expect(tooManyOneBad.status).toBe(413);
    expect(tooManyOneBad.json.detail).toBe("5001 bars given; at most 5000 per request");

    const huge = await call("/patterns", {
      key: "analyst",
      rawBody: JSON.stringify({ pad: "x".repeat(2 * 1024 * 1024 + 1) }),
    });
    expect(huge.status).toBe(413);

    const wide = Array.from({ length: 5000 }, (_, i) => ({
      time: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString().replace("Z", "+00:00"),
      close: 1234.567891 + (i % 13),
      volume: 123_456_789_012 + i,
    }));
    const tooWide = await call("/patterns", {
      key: "analyst",
      body: { symbol: "X", interval: "1m", bars: wide },
    });
    expect(tooWide.status).toBe(413);
    expect(tooWide.json.title).toBe("Series too large");
  });

  it("needs an API key", async () => {
    const { status, response } = await call("/patterns", { body: { symbol: "X", interval: "1d", bars: [] } });
    expect(status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("ApiKey");
  });

  it("answers 202 when the analysis went to manual review, and 500 without internals when storage fails", async () => {
    const dynamo = new DynamoDBClient({});
    await dynamo.send(new DeleteTableCommand({ TableName: "Alerts" }));
    try {
      const review = await call("/patterns", {
        key: "analyst",
        body: { symbol: "APIR", interval: "1d", bars: asJson(bars) },
      });
      expect(review.status).toBe(202);
      expect(review.json).toMatchObject({ status: "MANUAL_REVIEW", symbol: "APIR" });
      expect(review.json.reviewId).toMatch(/^rev_/);

      const { result: failed, lines } = await captureLogs("ERROR", () => call("/alerts", { key: "reader" }));
      expect(failed.status).toBe(500);
      expect(failed.json).toMatchObject({ status: 500, title: "Internal server error" });
      expect(failed.json.requestId).toBeTruthy();
      expect(JSON.stringify(failed.json)).not.toMatch(/ResourceNotFound|Alerts|dynamo/i);
      // The internals the answer leaves out are in the log, under the request id the answer quotes.
      const logged = lines.filter((line) => line.message === "Unhandled API error");
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({
        level: "ERROR",
        requestId: failed.json.requestId,
        correlation_id: failed.json.requestId,
        path: "/alerts",
        error: { name: "ResourceNotFoundException" },
      });
    } finally {
      await dynamo.send(new CreateTableCommand(createTableInput("Alerts", TABLES.Alerts)));
      dynamo.destroy();
    }
  });
});

describe("GET /alerts/{alertId}", () => {
  it("answers a pattern alert with its detection and the bars it was found on", async () => {
    const posted = await call("/patterns", {
      key: "analyst",
      body: { symbol: "APID", interval: "1d", bars: asJson(bars) },
    });
    const { alertId } = posted.json.alerts[0];
    const { status, json } = await call(`/alerts/${alertId}`, { key: "reader" });
    expect(status).toBe(200);
    expect(json).toMatchObject({ alertId, symbol: "APID", source: "pattern" });
    expect(json.detection.extrema.length).toBeGreaterThanOrEqual(2);
    expect(json.patternName).toBeTruthy();
    const times = json.bars.map((b: { time: string }) => b.time);
    expect(times.at(-1)).toBe(json.detection.detectedAt);
    expect(times).toContain(json.detection.start);
    expect(times.indexOf(json.detection.start)).toBe(
      Math.min(
        3,
        bars.findIndex((b) => b.time === json.detection.start),
      ),
    );
  });

  it("answers 404 for an unknown alert and 400 for something that is not an alert id", async () => {
    expect((await call(`/alerts/alr_${"0".repeat(32)}`, { key: "reader" })).status).toBe(404);
    expect((await call("/alerts/42", { key: "reader" })).status).toBe(400);
  });
});

describe("GET /patterns", () => {
  it("pages through a symbol's detections, newest first, without gaps or repeats", async () => {
    await call("/patterns", { key: "analyst", body: { symbol: "APIB", interval: "1d", bars: asJson(bars) } });
    const all = scanBars(bars);
    const seen: string[] = [];
    const times: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ symbol: "apib", limit: "3", ...(cursor ? { cursor } : {}) });
      const { status, json } = await call(`/patterns?${query}`, { key: "reader" });
      expect(status).toBe(200);
      expect(json.items.length).toBeLessThanOrEqual(3);
      seen.push(...json.items.map((p: { patternId: string }) => p.patternId));
      times.push(...json.items.map((p: { detectedAt: string }) => p.detectedAt));
      cursor = json.cursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen).size).toBe(all.length);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("lists a bar's detections in the reverse of patterns scan's order, every limit, so the list reversed is the scan's", async () => {
    // 1,500 bars: 25 bars hold two or three detections each (of the 155), where the order is a choice.
    const series = sp500().slice(0, 1500);
    await call("/patterns", {
      key: "analyst",
      body: { symbol: "APIO", interval: "1d", bars: asJson(series) },
    });
    const scanned = scanBars(series).map((d) => `${d.detectedAt} ${d.pattern}`);
    expect(scanned.length - new Set(scanned.map((key) => key.split(" ")[0])).size).toBeGreaterThan(20);
    const ranged = { from: "2002-01-01", to: "2004-12-31" };
    for (const [limit, range] of [[1], [2], [3], [7], [100], [2, ranged]] as const) {
      const listed: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const query = new URLSearchParams({
          ...range,
          symbol: "APIO",
          limit: String(limit),
          ...(cursor ? { cursor } : {}),
        });
        const { status, json } = await call(`/patterns?${query}`, { key: "reader" });
        expect(status).toBe(200);
        listed.push(
          ...json.items.map((p: { detectedAt: string; pattern: string }) => `${p.detectedAt} ${p.pattern}`),
        );
        cursor = json.cursor;
        pages++;
      } while (cursor && pages < 400);
      const within = scanned.filter((key) => !range || (key >= range.from && key <= `${range.to}~`));
      expect(listed, `limit ${limit}${range ? " from/to" : ""}`).toEqual(within.reverse());
    }
  });

  it("filters by time range and pattern", async () => {
    await call("/patterns", { key: "analyst", body: { symbol: "APIC", interval: "1d", bars: asJson(bars) } });
    const all = scanBars(bars);
    const inRange = all.filter((d) => d.detectedAt >= "2000-06-01" && d.detectedAt <= "2000-09-30");
    const ranged = await call("/patterns?symbol=APIC&from=2000-06-01&to=2000-09-30&limit=100", {
      key: "reader",
    });
    expect(ranged.json.items).toHaveLength(inRange.length);
    const [first] = all;
    assert(first, "the series has detections");
    const code = first.pattern;
    const byCode = await call(`/patterns?symbol=APIC&pattern=${code}&limit=100`, { key: "reader" });
    expect(byCode.json.items).toHaveLength(all.filter((d) => d.pattern === code).length);
    expect(byCode.json.items.every((p: { pattern: string }) => p.pattern === code)).toBe(true);
  });

  it("answers 400 for a missing symbol, a bad time, an unknown pattern or a foreign cursor", async () => {
    for (const query of [
      "",
      "?symbol=X&from=yesterday",
      "?symbol=X&pattern=CUP",
      "?symbol=X&cursor=bm90LWpzb24",
    ]) {
      const { status, json } = await call(`/patterns${query}`, { key: "reader" });
      expect(status, query).toBe(400);
      expect(json.errors.length, query).toBeGreaterThan(0);
    }
  });

  it("answers 405 for a method /patterns does not take", async () => {
    const { status, response } = await call("/patterns", { method: "DELETE", key: "reader" });
    expect(status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
  });
});
