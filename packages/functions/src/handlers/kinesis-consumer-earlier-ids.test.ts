// A deploy over a window saved before it kept its open outcomes' alert ids (1b938e1) by a release that
// made ids from the times' text (before 04e93d9): a breakout or resolution of such an outcome must still
// reach its published alert on TradingAlerts, found under the id that release gave it. And a detection
// that release stored (a batch replayed after the deploy, or a series it analysed that the stream then
// brings) is stored no second time, and followed and told under the ids that release gave it.

import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { scanBars, scanOutcomes, seriesKey } from "@stock-patterns/core";
import { lifecycleMessageSchema } from "@stock-patterns/core/contracts";
import { afterAll, describe, expect, it } from "vitest";
import { getAlert } from "#alerts";
import { getPattern, listPatterns } from "#analysis";
import { dynamo } from "#aws";
import { linked } from "#config";
import { loadWindow } from "#stream";
import { routeQueuedAlerts } from "#test/alert-queue";
import { lambdaContext, published, StreamReader } from "#test/aws";
import { storeAsBeforeInstantIds } from "#test/earlier-ids";
import { sp500 } from "#test/fixtures";
import { call } from "#test/http";
import { handler } from "./kinesis-consumer";

const reader = new StreamReader();
afterAll(() => reader.close());

async function streamBars(symbol: string, bars: ReturnType<typeof sp500>) {
  await reader.put(bars.map((bar) => ({ partitionKey: symbol, data: { symbol, interval: "1d", ...bar } })));
  const event = await reader.nextEvent();
  expect((await handler(event, lambdaContext("KinesisConsumer"))).batchItemFailures).toEqual([]);
}

describe("KinesisConsumer over a window and alerts of the release before instant ids", () => {
  it("tells the published alerts of the window's open outcomes of their breakouts and resolutions", async () => {
    const symbol = "ERLS";
    const bars = sp500().slice(0, 1200);
    // The deploy comes after a published (MEDIUM or HIGH) alert's detection bar, 3 or more bars before its breakout.
    const index = new Map(bars.map((bar, i) => [bar.time, i]));
    const deployAt = scanOutcomes(bars).flatMap(({ detectedAt, confidence, outcome }) => {
      const e = index.get(detectedAt) as number;
      const b = outcome.breakout ? (index.get(outcome.breakout.time) as number) : -1;
      return confidence >= 60 && confidence < 90 && e >= 200 && b - e >= 3 ? [e + 1] : [];
    })[0] as number;
    // The earlier release's stream: detections and alerts under the ids of their times' text, the window
    // holding those detection ids and no alert ids.
    for (let i = 0; i < deployAt; i += 100)
      await streamBars(symbol, bars.slice(i, Math.min(i + 100, deployAt)));
    await routeQueuedAlerts();
    await published("TradingAlerts");
    const earlier = await storeAsBeforeInstantIds(symbol);
    const window = await loadWindow(symbol, "1d");
    const openAlerts = Object.values(window.alertIds ?? {}).map((id) => earlier.get(id) as string);
    const patternIds = Object.fromEntries(
      Object.entries(window.patternIds ?? {}).map(([key, id]) => [key, earlier.get(id) as string]),
    );
    await dynamo().send(
      new UpdateCommand({
        TableName: linked("SymbolWindows", "name"),
        Key: { symbolInterval: seriesKey(symbol, "1d") },
        UpdateExpression: "SET patternIds = :ids REMOVE alertIds",
        ExpressionAttributeValues: { ":ids": patternIds },
      }),
    );

    // This release streams the bars after.
    const told: string[] = [];
    for (let i = deployAt; i < bars.length; i += 100) {
      await streamBars(symbol, bars.slice(i, i + 100));
      await routeQueuedAlerts();
      for (const { message } of await published("TradingAlerts"))
        if ((message as { type: string }).type === "lifecycle")
          told.push(lifecycleMessageSchema.parse(message).alertId);
    }
    // Each open outcome's published alert whose detection broke out after the deploy is told of it.
    const since = (bars[deployAt - 1] as { time: string }).time;
    const due: string[] = [];
    for (const alertId of openAlerts) {
      const alert = await getAlert(alertId);
      const breakout = alert?.patternId && (await getPattern(alert.patternId))?.outcome?.breakout;
      if (alert?.status === "PUBLISHED" && breakout && breakout.time > since) due.push(alertId);
    }
    expect(due.length).toBeGreaterThan(0);
    expect(due.filter((id) => !told.includes(id))).toEqual([]);
  }, 120_000);

  it("stores no detection of a batch that release stored, replayed after the deploy, and follows it", async () => {
    const symbol = "ERLR";
    const all = sp500().slice(0, 700);
    const bars = all.slice(0, 400);
    for (let i = 0; i < 300; i += 100) await streamBars(symbol, bars.slice(i, i + 100));
    const windowKey = { symbolInterval: seriesKey(symbol, "1d") };
    const windows = linked("SymbolWindows", "name");
    const { Item: before } = await dynamo().send(new GetCommand({ TableName: windows, Key: windowKey }));
    // The earlier release stored the last batch's detections, then stopped before saving its window: the
    // stream gives the batch again, after the deploy.
    await streamBars(symbol, bars.slice(300));
    const replayed = scanBars(bars).filter((d) => d.detectedAt > (bars[299] as { time: string }).time);
    expect(replayed.length).toBeGreaterThan(0);
    const earlier = await storeAsBeforeInstantIds(symbol);
    const patternIds = Object.fromEntries(
      Object.entries(before?.patternIds ?? {}).map(([key, id]) => [key, earlier.get(id as string)]),
    );
    const { alertIds: _alertIds, ...window } = before ?? {};
    await dynamo().send(new PutCommand({ TableName: windows, Item: { ...window, patternIds } }));

    await streamBars(symbol, bars.slice(300));
    const { items } = await listPatterns({ symbol, limit: 1000 });
    expect(items).toHaveLength(scanBars(bars).length);
    expect(items.map((p) => p.patternId).sort()).toEqual(
      [...earlier.values()].filter((id) => id.startsWith("pat_")).sort(),
    );

    // Their outcomes move on under those ids, as a series this release streamed from its first bar.
    for (let i = 400; i < all.length; i += 100) await streamBars(symbol, all.slice(i, i + 100));
    for (let i = 0; i < all.length; i += 100) await streamBars("ERLN", all.slice(i, i + 100));
    const outcomes = async (of: string) =>
      Object.fromEntries(
        (await listPatterns({ symbol: of, limit: 1000 })).items.map((p) => [
          `${p.pattern}@${p.detectedAt}`,
          p.outcome,
        ]),
      );
    const followed = await outcomes(symbol);
    expect(Object.keys(followed)).toHaveLength(scanBars(all).length);
    expect(followed).toEqual(await outcomes("ERLN"));
  }, 60_000);

  it("stores no detection of a series that release analysed, and tells its published alerts under their ids", async () => {
    const symbol = "ERLP";
    const all = sp500().slice(0, 700);
    // The earlier release analysed the bars through a published (MEDIUM or HIGH) alert's detection bar,
    // 3 or more bars before its breakout.
    const index = new Map(all.map((bar, i) => [bar.time, i]));
    const upTo = scanOutcomes(all).flatMap(({ detectedAt, confidence, outcome }) => {
      const e = index.get(detectedAt) as number;
      const b = outcome.breakout ? (index.get(outcome.breakout.time) as number) : -1;
      return confidence >= 60 && confidence < 90 && e >= 200 && b - e >= 3 ? [e + 1] : [];
    })[0] as number;
    // Its POST /patterns: its alerts published (those of breakouts it saw told at publish), then
    // everything moved to the ids of the times' text.
    const analysed = all.slice(0, upTo).map(({ time, open, high, low, close, volume }) => ({
      time,
      open,
      high,
      low,
      close,
      volume,
    }));
    const answer = await call("/patterns", {
      key: "analyst",
      body: { symbol, interval: "1d", bars: analysed },
    });
    expect(answer.status).toBe(200);
    await routeQueuedAlerts();
    await published("TradingAlerts");
    const earlier = await storeAsBeforeInstantIds(symbol);
    const earlierAlerts = (answer.json.alerts as { alertId: string }[]).map(
      ({ alertId }) => earlier.get(alertId) as string,
    );

    // This release streams the series from its first bar.
    const told: string[] = [];
    for (let i = 0; i < all.length; i += 100) {
      await streamBars(symbol, all.slice(i, i + 100));
      await routeQueuedAlerts();
      for (const { message } of await published("TradingAlerts"))
        if ((message as { type: string }).type === "lifecycle")
          told.push(lifecycleMessageSchema.parse(message).alertId);
    }
    const { items } = await listPatterns({ symbol, limit: 1000 });
    expect(items).toHaveLength(scanBars(all).length);
    const analysedIds = [...earlier.values()].filter((id) => id.startsWith("pat_"));
    expect(items.filter((p) => analysedIds.includes(p.patternId))).toHaveLength(analysedIds.length);
    // Each published alert of that release whose detection broke out after its analysis is told of it.
    const since = (all[upTo - 1] as { time: string }).time;
    const due: string[] = [];
    for (const alertId of earlierAlerts) {
      const alert = await getAlert(alertId);
      const breakout = alert?.patternId && (await getPattern(alert.patternId))?.outcome?.breakout;
      if (alert?.status === "PUBLISHED" && breakout && breakout.time > since) due.push(alertId);
    }
    expect(due.length).toBeGreaterThan(0);
    expect(due.filter((id) => !told.includes(id))).toEqual([]);
  }, 120_000);
});
