// A detection alert whose publisher stopped dead (SIGKILL) after the alert went out and before it told the
// breakout its detection had been through, its AlertQueue message lost with a local system's queues; then
// the stream resolves the detection. Its subscribers get the breakout, then the resolution: the
// KinesisConsumer tells them in that order, and the sweep has nothing left to tell.

import { fileURLToPath } from "node:url";
import { type LifecycleMessage, lifecycleMessageSchema } from "@stock-patterns/core/contracts";
import { afterAll, describe, expect, it } from "vitest";
import { type Alert, getAlert, parseAlertMessage } from "#alerts";
import { getPattern } from "#analysis";
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
import { killedOnLifecycle } from "#test/killed-on-lifecycle";
import { handler as alertProcessor } from "./alert-processor";
import { handler as consumer } from "./kinesis-consumer";

const ALERT_PROCESSOR = fileURLToPath(new URL("./alert-processor.ts", import.meta.url));
const SYMBOL = "UNC";
const BATCH = 100;
const reader = new StreamReader();
afterAll(() => reader.close());

/** The lifecycle messages on TradingAlerts since the last look (the alerts' own messages left out). */
async function lifecycleTold(): Promise<LifecycleMessage[]> {
  return (await published("TradingAlerts"))
    .filter(({ message }) => (message as { type: string }).type === "lifecycle")
    .map(({ message }) => lifecycleMessageSchema.parse(message));
}

/** The stored outcome of an alert's detection. */
async function outcomeOf(alert: Alert) {
  return (await getPattern(alert.patternId as string))?.outcome;
}

/**
 * Routes AlertQueue one message at a time. The first alert out on TradingAlerts whose detection has broken
 * out and not resolved, `victim` not yet chosen, is routed by an AlertProcessor killed at its first
 * lifecycle message, and the message lost; answers that alert and the breakout held back.
 */
async function routeKillingOne(
  chosen: boolean,
): Promise<{ victim: Alert; held: LifecycleMessage[] } | undefined> {
  const url = queueUrl("AlertQueue");
  let found: { victim: Alert; held: LifecycleMessage[] } | undefined;
  for (;;) {
    const delivery = await receiveSqsEvent(url, 1);
    const [record] = delivery.Records;
    if (!record) return found;
    const alert = parseAlertMessage(record.body);
    const outcome = alert.patternId ? await outcomeOf(alert) : undefined;
    const brokenOut = outcome?.breakout && !outcome.resolvedAt && alert.severity !== "CRITICAL";
    if (!chosen && !found && brokenOut) {
      const { held } = await killedOnLifecycle(ALERT_PROCESSOR, delivery);
      await deleteSucceeded(url, delivery, []);
      found = { victim: alert, held };
      continue;
    }
    const response = await alertProcessor(delivery, lambdaContext("AlertProcessor"));
    await deleteSucceeded(url, delivery, response.batchItemFailures);
  }
}

describe("KinesisConsumer after a publisher stopped before its catch-up", () => {
  it("tells the breakout the publisher never sent, before the resolution, once each", async () => {
    const bars = sp500().slice(0, 2400);
    const told: LifecycleMessage[] = [];
    let stopped: { victim: Alert; held: LifecycleMessage[] } | undefined;
    let resolvedAt: string | null | undefined;
    for (let i = 0; i < bars.length && !resolvedAt; i += BATCH) {
      const batch = bars.slice(i, i + BATCH);
      await reader.put(
        batch.map((bar) => ({ partitionKey: SYMBOL, data: { symbol: SYMBOL, interval: "1d", ...bar } })),
      );
      const event = await reader.nextEvent();
      expect((await consumer(event, lambdaContext("KinesisConsumer"))).batchItemFailures).toEqual([]);
      stopped ??= await routeKillingOne(false);
      if (stopped) {
        await routeKillingOne(true);
        resolvedAt = (await outcomeOf(stopped.victim))?.resolvedAt;
      }
      told.push(...(await lifecycleTold()));
    }
    expect(stopped, "an alert went out on a detection already broken out").toBeDefined();
    const { victim, held } = stopped as NonNullable<typeof stopped>;
    expect(held.map((m) => [m.alertId, m.event])).toEqual([[victim.alertId, "breakout"]]);
    expect(resolvedAt, "the stream resolved the detection").toBeTruthy();
    expect(await getAlert(victim.alertId)).toMatchObject({
      status: "PUBLISHED",
      resolvedSentAt: expect.any(String),
    });

    // A grace on, the sweep has its look.
    const timing = DEFAULT_RECOVERY_TIMING;
    await sweepStranded(new Date(Date.now() + (timing.graceSeconds + 1) * 1000), timing);
    told.push(...(await lifecycleTold()));

    const victims = told.filter((m) => m.alertId === victim.alertId);
    expect(victims.map((m) => m.event)).toEqual(["breakout", "resolved"]);
    expect(victims[0]?.eventId).toBe(held[0]?.eventId);
    expect(victims[0]).toMatchObject({ status: "open", resolvedAt: null });
    expect(await getAlert(victim.alertId)).toMatchObject({
      breakoutSentAt: expect.any(String),
      resolvedSentAt: expect.any(String),
    });
  }, 180_000);
});
