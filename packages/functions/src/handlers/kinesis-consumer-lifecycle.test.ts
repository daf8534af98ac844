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
import { linked } from "#config";
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

  it("tells a new detection's breakout to its alert another producer published while the batch was applied", async () => {
    const symbol = "LCN";
    const bars = sp500().slice(0, 100);
    // What the batch finds (prepareBars reads and writes nothing): a detection that raises an alert and
    // breaks out within the same bars.
    const prepared = await prepareBars(symbol, "1d", bars, await loadWindow(symbol, "1d"));
    const breakout = prepared.moves.lifecycle.find(
      ({ event }) =>
        event.type === "breakout" &&
        prepared.detections.some(
          (d) =>
            decideSeverity(d.confidence) !== null &&
            d.pattern === event.pattern &&
            d.detectedAt === event.detectedAt,
        ),
    );
    const detection = prepared.detections.find(
      (d) => d.pattern === breakout?.event.pattern && d.detectedAt === breakout?.event.detectedAt,
    );
    const severity = detection && decideSeverity(detection.confidence);
    assert(breakout?.alertId && detection && severity, "a new alerting detection breaks out in the bars");
    const alert: Alert = {
      alertId: breakout.alertId,
      source: "pattern",
      symbol,
      interval: "1d",
      severity,
      barTime: detection.detectedAt,
      createdAt: new Date().toISOString(),
      message: `${detection.pattern} ending ${detection.end}, raised by an analysis`,
      status: "QUEUED",
      pattern: detection.pattern,
      confidence: detection.confidence,
      patternId: breakout.patternId,
    };
    // Another producer (an analysis of the same bars, up to the detection) raises that alert after the
    // batch read its alerts, and it is published, its catch-up done, before the batch stores the detection.
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
    // Its publisher marked its catch-up done before the breakout was stored; the consumer told it.
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "PUBLISHED",
      caughtUpAt: expect.any(String),
      breakoutSentAt: expect.any(String),
    });
    const told = (await published("TradingAlerts"))
      .filter(({ message }) => isLifecycle(message))
      .map(({ message }) => lifecycleMessageSchema.parse(message))
      .filter((message) => message.alertId === alert.alertId);
    expect(told.map((message) => message.event)).toContain("breakout");
  }, 60_000);
});
