// A detection alert whose publisher stopped dead (SIGKILL) after the alert went out and before it told the
// breakout its detection had been through (an AlertProcessor whose message was then lost with a local
// system's queues, or the Api deciding an approval, which nothing retries); then the stream resolves the
// detection. Its subscribers get the breakout, then the resolution: the KinesisConsumer tells them in that
// order, and the sweep has nothing left to tell.

import assert from "node:assert";
import { fileURLToPath } from "node:url";
import { type LifecycleMessage, lifecycleMessageSchema } from "@stock-patterns/core/contracts";
import { afterAll, describe, expect, it } from "vitest";
import { type Alert, getAlert, parseAlertMessage } from "#alerts";
import { getPattern } from "#analysis";
import { approvalsOfAlert } from "#approvals";
import { DEFAULT_RECOVERY_TIMING } from "#config";
import { sweepStranded } from "#recovery";
import {
  deleteSucceeded,
  lambdaContext,
  published,
  queueUrl,
  receiveSqsEvent,
  StreamReader,
} from "#test/aws";
import { sp500 } from "#test/fixtures";
import { approveThroughKilledApi, killedOnLifecycle } from "#test/killed-on-lifecycle";
import { handler as alertProcessor } from "./alert-processor";
import { handler as consumer } from "./kinesis-consumer";

const ALERT_PROCESSOR = fileURLToPath(new URL("./alert-processor.ts", import.meta.url));
const BATCH = 100;
const reader = new StreamReader();
afterAll(() => reader.close());

/** An alert whose publisher was killed at its first lifecycle message, and the messages held back. */
interface Stopped {
  victim: Alert;
  held: LifecycleMessage[];
}

/** The lifecycle messages on TradingAlerts since the last look (the alerts' own messages left out). */
async function lifecycleTold(): Promise<LifecycleMessage[]> {
  return (await published("TradingAlerts"))
    .filter(({ message }) => (message as { type: string }).type === "lifecycle")
    .map(({ message }) => lifecycleMessageSchema.parse(message));
}

/** Whether an alert's stored detection has broken out and not resolved. */
async function brokenOut(alert: Alert): Promise<boolean> {
  const outcome = alert.patternId ? (await getPattern(alert.patternId))?.outcome : undefined;
  return Boolean(outcome?.breakout && !outcome.resolvedAt);
}

/**
 * Routes AlertQueue one message at a time; answers the alerts routed. The first one `kill` picks is
 * routed by an AlertProcessor killed at its first lifecycle message, and its message lost.
 */
async function routeQueue(kill?: (alert: Alert) => Promise<boolean>) {
  const url = queueUrl("AlertQueue");
  const routed: Alert[] = [];
  let stopped: Stopped | undefined;
  for (;;) {
    const delivery = await receiveSqsEvent(url, 1);
    const [record] = delivery.Records;
    if (!record) return { routed, stopped };
    const alert = parseAlertMessage(record.body);
    routed.push(alert);
    if (!stopped && kill && (await kill(alert))) {
      const { held } = await killedOnLifecycle(ALERT_PROCESSOR, delivery);
      await deleteSucceeded(url, delivery, []);
      stopped = { victim: alert, held };
      continue;
    }
    const response = await alertProcessor(delivery, lambdaContext("AlertProcessor"));
    await deleteSucceeded(url, delivery, response.batchItemFailures);
  }
}

/** An approver approves a waiting alert through the Api, killed at its first lifecycle message. */
async function approvedByKilledApi(alert: Alert): Promise<Stopped> {
  const [approval] = await approvalsOfAlert(alert.alertId);
  assert(approval, "the AlertProcessor requested an approval");
  const { held } = await approveThroughKilledApi(approval.tokenHash);
  return { victim: alert, held };
}

/**
 * Streams `symbol`'s S&P 500 bars, a batch at a time, through the KinesisConsumer, routing what it raises,
 * until the first alert whose detection broke out before it went out (published by `by`, killed at that
 * breakout) has its detection resolved; then sweeps a grace on. Answers that alert, what its publisher
 * held back, and every lifecycle message told.
 */
async function resolvedAfterStop(symbol: string, by: "AlertProcessor" | "Api") {
  const bars = sp500().slice(0, 3000);
  const told: LifecycleMessage[] = [];
  const waiting: Alert[] = [];
  let stopped: Stopped | undefined;
  let resolved = false;
  for (let i = 0; i < bars.length && !resolved; i += BATCH) {
    const batch = bars.slice(i, i + BATCH);
    await reader.put(
      batch.map((bar) => ({ partitionKey: symbol, data: { symbol, interval: "1d", ...bar } })),
    );
    const event = await reader.nextEvent();
    expect((await consumer(event, lambdaContext("KinesisConsumer"))).batchItemFailures).toEqual([]);
    const kill =
      by === "AlertProcessor" && !stopped
        ? async (alert: Alert) => alert.severity !== "CRITICAL" && (await brokenOut(alert))
        : undefined;
    const routing = await routeQueue(kill);
    stopped ??= routing.stopped;
    waiting.push(...routing.routed.filter((alert) => alert.severity === "CRITICAL"));
    for (const alert of by === "Api" && !stopped ? waiting : [])
      if (!stopped && (await brokenOut(alert))) stopped = await approvedByKilledApi(alert);
    if (stopped) resolved = !(await brokenOut(stopped.victim));
    told.push(...(await lifecycleTold()));
  }
  assert(stopped, `an alert went out through the ${by} on a detection already broken out`);
  expect(resolved, "the stream resolved its detection").toBe(true);
  const timing = DEFAULT_RECOVERY_TIMING;
  await sweepStranded(new Date(Date.now() + (timing.graceSeconds + 1) * 1000), timing);
  told.push(...(await lifecycleTold()));
  return { ...stopped, told: told.filter((message) => message.alertId === stopped.victim.alertId) };
}

describe("KinesisConsumer after a publisher stopped before its catch-up", () => {
  it.each([
    ["AlertProcessor", "UNP", "PUBLISHED"],
    ["Api", "UNA", "APPROVED"],
  ] as const)(
    "tells the breakout the %s never sent, before the resolution, once each",
    async (by, symbol, status) => {
      const { victim, held, told } = await resolvedAfterStop(symbol, by);
      expect(held.map((m) => [m.alertId, m.event])).toEqual([[victim.alertId, "breakout"]]);
      expect(told.map((m) => m.event)).toEqual(["breakout", "resolved"]);
      expect(told[0]?.eventId).toBe(held[0]?.eventId);
      expect(told[0]).toMatchObject({ status: "open", resolvedAt: null });
      expect(await getAlert(victim.alertId)).toMatchObject({
        status,
        breakoutSentAt: expect.any(String),
        resolvedSentAt: expect.any(String),
      });
    },
    180_000,
  );
});
