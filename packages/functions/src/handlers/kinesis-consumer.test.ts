// KinesisConsumer with records read from kinesalite: streaming equals batch detection, replays and
// duplicate bars change nothing, malformed records are set aside, a failing symbol is retried alone.

import assert from "node:assert";
import { BatchGetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { type Bar, scanBars, seriesKey, textPatternId, WINDOW } from "@stock-patterns/core";
import { EVENT_SOURCES } from "@stock-patterns/core/catalog";
import type { KinesisStreamEvent } from "aws-lambda";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getAlert } from "#alerts";
import { listPatterns } from "#analysis";
import { dynamo } from "#aws";
import { logger, metrics } from "#observability";
import { loadWindow, loadWindows, saveWindow, WindowConflictError } from "#stream";
import { lambdaContext, StreamReader } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { handler } from "./kinesis-consumer";

const reader = new StreamReader();
afterAll(() => reader.close());

const record = (symbol: string, bar: Bar) => ({
  partitionKey: symbol,
  data: { symbol, interval: "1d", ...bar },
});

async function putBars(symbol: string, bars: Bar[]) {
  for (let i = 0; i < bars.length; i += 500)
    await reader.put(bars.slice(i, i + 500).map((b) => record(symbol, b)));
}

/**
 * Batches of this size here: a series of a few hundred bars then spans several batches, so each
 * symbol's window is carried across them (a test below applies one batch of the deployed size).
 */
const CONSUME_BATCH = 100;

/** Everything new on the stream, delivered in batches of CONSUME_BATCH records. */
async function consume() {
  const event = await reader.nextEvent();
  const size = CONSUME_BATCH;
  const failures: string[] = [];
  for (let i = 0; i < event.Records.length; i += size) {
    const batch: KinesisStreamEvent = { Records: event.Records.slice(i, i + size) };
    const response = await handler(batch, lambdaContext("KinesisConsumer"));
    failures.push(...response.batchItemFailures.map((f) => f.itemIdentifier));
  }
  return { event, failures };
}

async function storedPatternIds(symbol: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listPatterns({ symbol, limit: 100, cursor });
    ids.push(...page.items.map((p) => p.patternId));
    cursor = page.cursor;
  } while (cursor);
  return ids.sort();
}

describe("KinesisConsumer", () => {
  const bars = sp500().slice(0, 260);

  it("finds what the batch scan finds, bar by bar across batches, and keeps each symbol's window", async () => {
    await putBars("KSA", bars);
    await putBars("KSB", bars.slice(100));
    const { failures } = await consume();
    expect(failures).toEqual([]);
    const batchA = scanBars(bars);
    const batchB = scanBars(bars.slice(100));
    expect(batchA.length).toBeGreaterThan(0);
    const storedA = await listPatterns({ symbol: "KSA", limit: 100 });
    expect(storedA.items.map((p) => `${p.pattern}@${p.detectedAt}`).sort()).toEqual(
      batchA.map((d) => `${d.pattern}@${d.detectedAt}`).sort(),
    );
    expect(await storedPatternIds("KSB")).toHaveLength(batchB.length);
    // Each keeps the bars it was found on, whole (open, high, low), ending at detectedAt.
    const [sample] = storedA.items;
    assert(sample, "KSA has stored detections, as checked above");
    expect(sample.bars.at(-1)?.time).toBe(sample.detectedAt);
    expect(sample.bars.find((b) => b.time === sample.start)).toEqual(
      bars.find((b) => b.time === sample.start),
    );
    const window = await loadWindow("KSA", "1d");
    expect(window.bars.map((b) => b.time)).toEqual(bars.slice(-WINDOW).map((b) => b.time));
    expect(window.version).toBeGreaterThan(0);
  });

  it("reads a batch's windows in one call, the same as one by one, empty at version 0 when new", async () => {
    const series = [
      { symbol: "KSA", interval: "1d" },
      { symbol: "KSB", interval: "1d" },
      { symbol: "KSNEW", interval: "1d" },
    ];
    const windows = await loadWindows(series);
    for (const { symbol, interval } of series) {
      expect(windows.get(seriesKey(symbol, interval))).toEqual(await loadWindow(symbol, interval));
    }
    expect(windows.get(seriesKey("KSA", "1d"))?.version).toBeGreaterThan(0);
    expect(windows.get(seriesKey("KSNEW", "1d"))).toEqual({
      symbol: "KSNEW",
      interval: "1d",
      bars: [],
      version: 0,
    });
  });

  it("changes nothing when the same records are delivered again or bars repeat", async () => {
    await putBars("KSC", bars.slice(0, 120));
    const { event: delivered } = await consume();
    const before = await storedPatternIds("KSC");
    const windowBefore = await loadWindow("KSC", "1d");
    // Lambda delivers the same records again (a retry after a timeout).
    expect((await handler(delivered, lambdaContext())).batchItemFailures).toEqual([]);
    expect(await storedPatternIds("KSC")).toEqual(before);
    expect(await loadWindow("KSC", "1d")).toEqual(windowBefore);
    // A producer resends bars already applied, and one older bar.
    const older = bars[5];
    assert(older, "the series has a sixth bar");
    await putBars("KSC", [...bars.slice(100, 120), older]);
    await consume();
    expect(await storedPatternIds("KSC")).toEqual(before);
    expect(await loadWindow("KSC", "1d")).toEqual(windowBefore);
    // The stream continues: the rest applies as if nothing had been repeated.
    await putBars("KSC", bars.slice(120));
    await consume();
    expect(await storedPatternIds("KSC")).toHaveLength(scanBars(bars).length);
  });

  it("sets malformed records aside (logged with their data, counted) and applies the good ones", async () => {
    const warn = vi.spyOn(logger, "warn");
    const added = vi.spyOn(metrics, "addMetric");
    await reader.put([
      { partitionKey: "KSD", data: "not json at all" },
      { partitionKey: "KSD", data: { symbol: "KSD", interval: "1d", time: "2000-01-03" } },
      { partitionKey: "KSD", data: { symbol: "KSD", interval: "1d", time: "someday", close: 10 } },
      { partitionKey: "KSD", data: { symbol: "KSD", interval: "1d", time: "2000-01-03", close: -5 } },
      { partitionKey: "KSD", data: { symbol: "K S D", interval: "1d", time: "2000-01-03", close: 5 } },
      ...bars.slice(0, 40).map((b) => record("KSD", b)),
    ]);
    const { failures, event } = await consume();
    expect(failures).toEqual([]);
    const set = warn.mock.calls.filter(([message]) => message === "Malformed market data record");
    expect(set).toHaveLength(5);
    const loggedData = set.map(([, extra]) => (extra as { data: string }).data);
    expect(loggedData).toEqual(event.Records.slice(0, 5).map((r) => r.kinesis.data));
    expect((await loadWindow("KSD", "1d")).bars).toHaveLength(WINDOW);
    const counted = added.mock.calls.filter(([name]) => name === "MalformedRecords");
    expect(counted.reduce((sum, [, , value]) => sum + Number(value), 0)).toBe(5);
    warn.mockRestore();
    added.mockRestore();
  });

  it("reports every record of a symbol that fails (Lambda retries from the lowest) and applies the others", async () => {
    // A corrupted stored window (bars out of order) makes this symbol fail every time.
    await dynamo().send(
      new PutCommand({
        TableName: "SymbolWindows",
        Item: {
          symbolInterval: "KSE#1d",
          symbol: "KSE",
          interval: "1d",
          version: 1,
          bars: [
            { time: "2000-01-05", close: 1 },
            { time: "2000-01-04", close: 2 },
          ],
        },
      }),
    );
    await putBars("KSF", bars.slice(0, 50));
    await putBars("KSE", bars.slice(10, 20));
    const { event, failures } = await consume();
    // Every KSE record is named, so a runner that sets failures aside counts 10, not the batch's 60.
    const kse = event.Records.filter((r) => r.kinesis.partitionKey === "KSE").map(
      (r) => r.kinesis.sequenceNumber,
    );
    expect(kse).toHaveLength(10);
    expect(failures).toEqual(kse);
    expect((await loadWindow("KSF", "1d")).bars).toHaveLength(WINDOW);
  });

  it("saves a window only at the version it was read (optimistic concurrency)", async () => {
    await putBars("KSG", bars.slice(0, 3));
    await consume();
    const window = await loadWindow("KSG", "1d");
    await saveWindow(window, bars.slice(0, 4));
    await expect(saveWindow(window, bars.slice(0, 5))).rejects.toBeInstanceOf(WindowConflictError);
    expect((await loadWindow("KSG", "1d")).bars).toHaveLength(4);
  });

  it("applies one batch of the deployed size, many symbols interleaved, as the batch scan finds", async () => {
    const size = EVENT_SOURCES.KinesisConsumer.batchSize;
    const symbols = Array.from({ length: 25 }, (_, i) => `KSB${String(i).padStart(2, "0")}`);
    const perSymbol = Math.ceil(size / symbols.length);
    const series = new Map(symbols.map((symbol, i) => [symbol, sp500().slice(i * 40, i * 40 + perSymbol)]));
    const records = [];
    for (let t = 0; t < perSymbol; t++)
      for (const [symbol, own] of series) {
        const bar = own[t];
        if (bar && records.length < size) records.push(record(symbol, bar));
      }
    for (let i = 0; i < records.length; i += 500) await reader.put(records.slice(i, i + 500));
    const batch: KinesisStreamEvent = { Records: [] };
    while (batch.Records.length < records.length) batch.Records.push(...(await reader.nextEvent()).Records);
    expect(batch.Records).toHaveLength(size);
    expect((await handler(batch, lambdaContext("KinesisConsumer"))).batchItemFailures).toEqual([]);
    let found = 0;
    for (const [symbol, own] of series) {
      const expected = scanBars(own.slice(0, records.filter((r) => r.partitionKey === symbol).length));
      found += expected.length;
      expect(await storedPatternIds(symbol), symbol).toHaveLength(expected.length);
    }
    expect(found).toBeGreaterThan(0);
  });

  it("applies the same batch delivered to two consumers at once exactly as if it came once", async () => {
    await putBars("KSH", bars.slice(0, 150));
    const event = await reader.nextEvent();
    const results = await Promise.all([handler(event, lambdaContext()), handler(event, lambdaContext())]);
    expect(results.flatMap((r) => r.batchItemFailures)).toEqual([]);
    expect(await storedPatternIds("KSH")).toHaveLength(scanBars(bars.slice(0, 150)).length);
    expect((await loadWindow("KSH", "1d")).bars.map((b) => b.time)).toEqual(
      bars.slice(150 - WINDOW, 150).map((b) => b.time),
    );
  });

  it("reads the alerts of all a batch's symbols in one call with their new detections' earlier ids, and no detection to find an alert", async () => {
    for (const symbol of ["KSL", "KSM"]) await putBars(symbol, bars.slice(0, 150));
    expect((await handler(await reader.nextEvent(), lambdaContext())).batchItemFailures).toEqual([]);
    const window = await loadWindow("KSL", "1d");
    // The window keeps each open outcome's alert id beside its detection's id.
    expect(Object.keys(window.alertIds ?? {}).sort()).toEqual(Object.keys(window.patternIds ?? {}).sort());
    expect(Object.keys(window.alertIds ?? {}).length).toBeGreaterThan(0);

    for (const symbol of ["KSL", "KSM"]) await putBars(symbol, bars.slice(150));
    const event = await reader.nextEvent();
    const send = vi.spyOn(dynamo(), "send");
    expect((await handler(event, lambdaContext())).batchItemFailures).toEqual([]);
    const calls = send.mock.calls.flatMap(([command]) =>
      command instanceof BatchGetCommand ? [Object.entries(command.input.RequestItems ?? {})] : [],
    );
    send.mockRestore();
    const reads = calls.flat();
    const readsOf = (table: string) => reads.filter(([name]) => name.includes(table)).map(([, r]) => r.Keys);
    // The batch raised new alerts and told breakouts or resolutions of earlier ones: all read at once.
    const later = scanBars(bars).filter((d) => d.detectedAt > (bars[149] as Bar).time);
    expect(later.length).toBeGreaterThan(0);
    const [batchRead, ...secondLooks] = readsOf("Alerts");
    expect({
      windows: readsOf("SymbolWindows").length,
      alerts: batchRead ? 1 : 0,
      detections: readsOf("TradingPatterns").length,
    }).toEqual({
      windows: 1,
      alerts: 1,
      detections: 1,
    });
    // The one read of detections is in the alerts' call: the batch's new detections under the ids
    // releases before instant ids gave them (their times are dates), none to find an alert.
    const batchCall = calls.find((call) => call.some(([, r]) => r.Keys === batchRead)) ?? [];
    const tables = ["Alerts", "TradingPatterns"];
    expect(batchCall.map(([name]) => tables.find((table) => name.includes(table))).sort()).toEqual(tables);
    expect(
      readsOf("TradingPatterns")[0]
        ?.map((key) => key.patternId)
        .sort(),
    ).toEqual(["KSL", "KSM"].flatMap((symbol) => later.map((d) => textPatternId(symbol, "1d", d))).sort());
    // After its outcome writes, each symbol looks again (once at most) at the alerts of its events it
    // read not told yet, those alone: none is published here, the alerts are never routed.
    expect(secondLooks.length).toBeLessThanOrEqual(2);
    for (const key of secondLooks.flat()) {
      expect(batchRead).toContainEqual(key);
      expect(await getAlert(String(Object.values(key ?? {})[0]))).not.toHaveProperty("publishedAt");
    }
  });

  it("applies a batch's bars in time order when they arrive out of order, as the batch scan finds", async () => {
    // PutRecords keeps no order when a producer resends the records it refused: each pair of neighbours
    // here arrives later bar first (pairs never straddle two batches of CONSUME_BATCH).
    const swapped = bars.flatMap((bar, i) => {
      if (i % 2 === 1) return [];
      const next = bars[i + 1];
      return next === undefined ? [bar] : [next, bar];
    });
    await putBars("KSSWAP", swapped);
    expect((await consume()).failures).toEqual([]);
    const stored = await listPatterns({ symbol: "KSSWAP", limit: 100 });
    expect(stored.items.map((p) => `${p.pattern}@${p.detectedAt}`).sort()).toEqual(
      scanBars(bars)
        .map((d) => `${d.pattern}@${d.detectedAt}`)
        .sort(),
    );
    const window = await loadWindow("KSSWAP", "1d");
    expect(window.bars.map((b) => b.time)).toEqual(bars.slice(-WINDOW).map((b) => b.time));
  });

  it("keeps 3 bars before a detection's start when its window begins at the batch's stored window", async () => {
    // A detection whose first extremum is the second bar of its window, found by a batch of one bar
    // (as a live feed sends them): its lead bars are older than the detector's 38-bar window.
    const all = sp500();
    const index = new Map(all.map((bar, i) => [bar.time, i]));
    const at = (time: string) => index.get(time) as number;
    const early = scanBars(all).find((d) => at(d.start) - (at(d.detectedAt) - WINDOW + 1) === 1);
    assert(early, "the bundled series has a detection starting at its window's second bar");
    const e = at(early.detectedAt);
    const series = all.slice(e - 150, e + 1);
    await putBars("KSLEAD", series.slice(0, -1));
    expect((await consume()).failures).toEqual([]);
    await putBars("KSLEAD", series.slice(-1));
    expect((await consume()).failures).toEqual([]);
    const { items } = await listPatterns({ symbol: "KSLEAD", pattern: early.pattern, limit: 100 });
    const stored = items.find((p) => p.detectedAt === early.detectedAt);
    expect(stored?.bars.map((b) => b.time)).toEqual(all.slice(at(early.start) - 3, e + 1).map((b) => b.time));
  });

  it("applies bars priced anywhere the valid-bar rule allows, above 2^53 too, and stores their detections", async () => {
    // Prices up to 1e30 meet core's barProblem; a quote in a tiny unit (ETH in wei) is over 2^53.
    const priced = bars
      .slice(0, 120)
      .map(({ time, close, volume }) => ({ time, close: close * 1e14, volume }));
    await putBars("KSWEI", priced);
    const { failures } = await consume();
    expect(failures).toEqual([]);
    const expected = scanBars(priced);
    expect(expected.length).toBeGreaterThan(0);
    const stored = await listPatterns({ symbol: "KSWEI", limit: 100 });
    expect(stored.items).toHaveLength(expected.length);
    for (const pattern of stored.items) {
      const found = expected.find(
        (d) => d.pattern === pattern.pattern && d.detectedAt === pattern.detectedAt,
      );
      expect(pattern.extrema.map((e) => e.price)).toEqual(found?.extrema.map((e) => e.price));
    }
  });
});
