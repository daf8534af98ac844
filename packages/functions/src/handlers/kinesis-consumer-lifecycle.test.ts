// Lifecycle messages from the KinesisConsumer, against dynalite, kinesalite and fauxqs: a published
// alert's detection that breaks out or resolves is told on TradingAlerts once per event, with its
// price levels and a link to the alert; an alert not published is not; a batch delivered again changes no
// stored record and sends nothing again; an alert published while a batch is applied misses no event.

import assert from "node:assert";
import { PutCommand, UpdateCommand, type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import { decideSeverity } from "@stock-patterns/core";
import { lifecycleMessageSchema } from "@stock-patterns/core/contracts";
import type { KinesisStreamEvent } from "aws-lambda";
import { afterAll, describe, expect, it, vi } from "vitest";
import { type Alert, getAlert, raiseAlert } from "#alerts";
import { getPattern } from "#analysis";
import { dynamo } from "#aws";
import { DEFAULT_RECOVERY_TIMING, linked } from "#config";
import { sweepStranded } from "#recovery";
import { loadWindow, prepareBars, type SymbolWindow, saveWindow } from "#stream";
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

/**
 * Streams 100 S&P 500 bars for `symbol` while another producer (an analysis) raises, and the AlertProcessor
 * publishes, the alert of a new detection that breaks out in those bars: after the batch read its alerts,
 * before it stores the detection. `alerting`: a detection the stream raises an alert for itself, or one
 * it grades below MEDIUM (the analysis, of other bars, graded it higher). Answers the alert.
 */
async function raisedInsideBatch(symbol: string, alerting: boolean): Promise<Alert> {
  const bars = sp500().slice(0, 100);
  // What the batch finds (prepareBars reads and writes nothing).
  const prepared = await prepareBars(symbol, "1d", bars, await loadWindow(symbol, "1d"));
  const detectionOf = (event: { pattern: string; detectedAt: string }) =>
    prepared.detections.find((d) => d.pattern === event.pattern && d.detectedAt === event.detectedAt);
  const breakout = prepared.moves.lifecycle.find(({ event }) => {
    const detection = detectionOf(event);
    return (
      event.type === "breakout" && detection && (decideSeverity(detection.confidence) !== null) === alerting
    );
  });
  const detection = breakout && detectionOf(breakout.event);
  assert(breakout?.alertId && detection, "a new detection breaks out in the bars");
  const alert: Alert = {
    alertId: breakout.alertId,
    source: "pattern",
    symbol,
    interval: "1d",
    severity: decideSeverity(detection.confidence) ?? "HIGH",
    barTime: detection.detectedAt,
    createdAt: new Date().toISOString(),
    message: `${detection.pattern} ending ${detection.end}, raised by an analysis`,
    status: "QUEUED",
    pattern: detection.pattern,
    confidence: detection.confidence,
    patternId: breakout.patternId,
  };
  const client = dynamo();
  const original = client.send.bind(client) as (command: object) => Promise<unknown>;
  let raising: Promise<void> | undefined;
  const send = vi.spyOn(client, "send").mockImplementation(async (command: object) => {
    // The batch's first write of a detection: a new one is put, a stored one's outcome updated.
    const input = (command as { input?: { TableName?: string } }).input;
    if (
      (command instanceof PutCommand || command instanceof UpdateCommand) &&
      input?.TableName === linked("TradingPatterns", "name")
    ) {
      raising ??= (async () => {
        await raiseAlert(alert);
        await routeQueuedAlerts();
      })();
      await raising;
    }
    return original(command);
  });
  await streamBars(symbol, bars);
  send.mockRestore();
  expect(raising).toBeDefined();
  await routeQueuedAlerts();
  expect(await getAlert(alert.alertId)).toMatchObject({ status: "PUBLISHED" });
  return alert;
}

/** The events told of `alertId` on TradingAlerts since the last look. */
async function eventsTold(alertId: string): Promise<string[]> {
  return (await published("TradingAlerts"))
    .filter(({ message }) => isLifecycle(message))
    .map(({ message }) => lifecycleMessageSchema.parse(message))
    .filter((message) => message.alertId === alertId)
    .map((message) => message.event);
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

  it("tells every event of an alert published between the batch's alert read and its outcome writes", async () => {
    const bars = sp500().slice(0, 1200);
    // Each batch's first outcome write waits while the alerts queued so far are published (their
    // catch-up reads the outcomes as they were): the consumer read them unpublished just before.
    const client = dynamo();
    const original = client.send.bind(client) as (command: object) => Promise<unknown>;
    const messages: { message: unknown }[] = [];
    let publishing: Promise<void> | undefined;
    /** Alert messages that went out inside a batch's window. */
    let inWindow = 0;
    const send = vi.spyOn(client, "send").mockImplementation(async (command: object) => {
      const input = (command as { input?: UpdateCommandInput }).input;
      if (command instanceof UpdateCommand && input?.UpdateExpression?.startsWith("SET #outcome")) {
        publishing ??= (async () => {
          await routeQueuedAlerts();
          const out = await published("TradingAlerts");
          messages.push(...out);
          inWindow += out.filter(({ message }) => !isLifecycle(message)).length;
        })();
        await publishing;
      }
      return original(command);
    });
    for (let i = 0; i < bars.length; i += 100) {
      publishing = undefined;
      await streamBars("LCW", bars.slice(i, i + 100));
      messages.push(...(await published("TradingAlerts")));
    }
    send.mockRestore();
    await routeQueuedAlerts();
    messages.push(...(await published("TradingAlerts")));
    expect(inWindow).toBeGreaterThan(5);

    // Each lifecycle message after its alert's own; every event of every told alert told.
    const sent = new Set<string>();
    const told = new Set<string>();
    for (const { message } of messages) {
      if (!isLifecycle(message)) {
        sent.add((message as { alert: Alert }).alert.alertId);
        continue;
      }
      const { alertId, event } = lifecycleMessageSchema.parse(message);
      expect(sent.has(alertId)).toBe(true);
      told.add(`${alertId} ${event}`);
    }
    const expected: string[] = [];
    for (const alertId of sent) {
      const alert = await getAlert(alertId);
      // Its publisher marked its catch-up done (no sweep reads it again), and yet nothing below is lost.
      expect(alert?.caughtUpAt).toEqual(expect.any(String));
      const outcome = (await getPattern(alert?.patternId as string))?.outcome;
      if (outcome?.breakout) expected.push(`${alertId} breakout`);
      if (outcome?.resolvedAt) expected.push(`${alertId} resolved`);
    }
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.filter((event) => !told.has(event))).toEqual([]);
  }, 120_000);
});

describe("an alert another producer raised and published while a batch was applied", () => {
  it("is told the breakout by the consumer, when the batch raises that alert too", async () => {
    const alert = await raisedInsideBatch("LCN", true);
    expect(await getAlert(alert.alertId)).toMatchObject({ breakoutSentAt: expect.any(String) });
    const told = await eventsTold(alert.alertId);
    expect(told).toContain("breakout");
    expect(new Set(told).size).toBe(told.length);
  }, 60_000);

  it("is told the breakout by the sweep, when the batch does not raise it (it graded the detection lower)", async () => {
    const alert = await raisedInsideBatch("LCG", false);
    // Nothing else reads it during that batch: its catch-up is left to the sweep.
    expect(await eventsTold(alert.alertId)).toEqual([]);
    expect((await getAlert(alert.alertId))?.caughtUpAt).toBeUndefined();
    const later = new Date(Date.now() + (DEFAULT_RECOVERY_TIMING.graceSeconds + 1) * 1000);
    expect(await sweepStranded(later)).toMatchObject({ caughtUp: 1, failed: 0 });
    const told = await eventsTold(alert.alertId);
    expect(told).toContain("breakout");
    expect(new Set(told).size).toBe(told.length);
  }, 60_000);
});
