// Lifecycle messages from the KinesisConsumer, against dynalite, kinesalite and fauxqs: a published
// alert's detection that breaks out or resolves is told on TradingAlerts once per event, with its
// price levels and a link to the alert; an alert not published is not; a batch delivered again changes no
// stored record and sends nothing again.

import { lifecycleMessageSchema } from "@stock-patterns/core/contracts";
import type { KinesisStreamEvent } from "aws-lambda";
import { afterAll, describe, expect, it } from "vitest";
import { getAlert } from "#alerts";
import { getPattern } from "#analysis";
import { loadWindow, type SymbolWindow, saveWindow } from "#stream";
import { routeQueuedAlerts } from "#test/alert-queue";
import { lambdaContext, published, StreamReader, scanTable } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { handler } from "./kinesis-consumer";

const reader = new StreamReader();
const isLifecycle = (message: unknown) => (message as { type: string }).type === "lifecycle";
afterAll(() => reader.close());

async function streamBars(symbol: string, bars: ReturnType<typeof sp500>) {
  await reader.put(bars.map((bar) => ({ partitionKey: symbol, data: { symbol, interval: "1d", ...bar } })));
  const event = await reader.nextEvent();
  expect((await handler(event, lambdaContext("KinesisConsumer"))).batchItemFailures).toEqual([]);
  return event;
}

describe("KinesisConsumer lifecycle messages", () => {
  it("tells each breakout and resolution of a published alert once, with its levels and link", async () => {
    const bars = sp500().slice(0, 1200);
    const lifecycle: { message: unknown }[] = [];
    /** The last batch that sent lifecycle messages, with the window before it. */
    let telling: { window: SymbolWindow; event: KinesisStreamEvent; sent: number } | undefined;
    for (let i = 0; i < bars.length; i += 100) {
      const window = await loadWindow("LCA", "1d");
      const event = await streamBars("LCA", bars.slice(i, i + 100));
      await routeQueuedAlerts();
      const told = (await published("TradingAlerts")).filter((m) => isLifecycle(m.message));
      lifecycle.push(...told);
      if (told.length > 0) telling = { window, event, sent: told.length };
    }
    expect(lifecycle.length).toBeGreaterThan(5);
    const seen = new Set<string>();
    for (const { message } of lifecycle) {
      const told = lifecycleMessageSchema.parse(message);
      // Once per event: the id and the (alert, event) pair each appear once.
      expect(seen.has(`${told.alertId} ${told.event}`)).toBe(false);
      seen.add(`${told.alertId} ${told.event}`);
      const alert = await getAlert(told.alertId);
      expect(["PUBLISHED", "APPROVED"]).toContain(alert?.status);
      expect(alert?.[told.event === "breakout" ? "breakoutSentAt" : "resolvedSentAt"]).toBeDefined();
      expect(told.alertUrl).toBe(`http://127.0.0.1:5173/#/alerts/${told.alertId}`);
      // The levels are the stored detection's outcome; the event is the bar that caused it.
      const pattern = await getPattern(alert?.patternId as string);
      const outcome = pattern?.outcome;
      expect(told).toMatchObject({
        symbol: "LCA",
        pattern: pattern?.pattern,
        detectedAt: pattern?.detectedAt,
      });
      expect(told.ceiling).toBe(outcome?.ceiling);
      expect(told.floor).toBe(outcome?.floor);
      if (told.event === "breakout") {
        expect(told.time).toBe(outcome?.breakout?.time);
        expect(told.target).toBe(outcome?.target);
      } else {
        expect(told.time).toBe(outcome?.resolvedAt);
        expect(told.status).toBe(outcome?.status);
      }
    }
    expect(lifecycle.some(({ message }) => lifecycleMessageSchema.parse(message).event === "breakout")).toBe(
      true,
    );
    expect(lifecycle.some(({ message }) => lifecycleMessageSchema.parse(message).event === "resolved")).toBe(
      true,
    );

    // The whole batch that told something last, delivered again as it was: no stored record changes and
    // nothing is told a second time.
    const { window, event, sent } = telling as NonNullable<typeof telling>;
    expect(sent).toBeGreaterThan(0);
    const [patterns, alerts] = [await scanTable("TradingPatterns"), await scanTable("Alerts")];
    expect((await handler(event, lambdaContext())).batchItemFailures).toEqual([]);
    await routeQueuedAlerts();
    expect((await published("TradingAlerts")).filter((m) => isLifecycle(m.message))).toEqual([]);
    expect(await scanTable("TradingPatterns")).toEqual(patterns);
    expect(await scanTable("Alerts")).toEqual(alerts);

    // A batch that told something, again, as if its window save had been lost: its events come again,
    // and none already told goes out a second time. (An alert published after the first pass, such as
    // one raised in this very batch, may now be told of an event for the first time.)
    const { outcomes, patternIds } = window;
    await saveWindow(await loadWindow("LCA", "1d"), window.bars, { outcomes, patternIds });
    expect((await handler(event, lambdaContext())).batchItemFailures).toEqual([]);
    await routeQueuedAlerts();
    const again = (await published("TradingAlerts")).filter((m) => isLifecycle(m.message));
    for (const { message } of again) {
      const told = lifecycleMessageSchema.parse(message);
      expect(seen.has(`${told.alertId} ${told.event}`)).toBe(false);
    }
  }, 120_000);
});
