// Lifecycle messages against dynalite and fauxqs, in the orders the stream and the approver can race in:
// a subscriber never gets an event of an alert before the alert's own message. A batch's messages go out
// ten a PublishBatch, each alert's in order, each marked only once SNS took it.

import assert from "node:assert";
import { PublishBatchCommand, PublishCommand } from "@aws-sdk/client-sns";
import { lifecycleMessageSchema } from "@stock-patterns/core/contracts";
import { describe, expect, it, vi } from "vitest";
import { recordOutcomes, savePatterns } from "#analysis";
import { approvalsOfAlert, decideApproval } from "#approvals";
import { sns } from "#aws";
import { routeQueuedAlerts } from "#test/alert-queue";
import { published } from "#test/aws";
import { dbotDetection, storedDetection } from "#test/detections";
import { queuedAlert } from "#test/fixtures";
import { BREAKOUT_DAY, BROKE_OUT, RESOLVED_AT_TARGET } from "#test/outcomes";
import { snsCalls, toldByAlert } from "#test/sns-calls";
import type { Alert } from "./alert";
import { type DetectionEvent, tellLifecycle } from "./lifecycle";
import { raiseAlert } from "./raise";
import { getAlert, putAlertIfNew } from "./repository";
import { routeAlerts } from "./route";

const BREAKOUT = BREAKOUT_DAY;

/** What went out on TradingAlerts, in order: `alert <id>` or the lifecycle event's name. */
async function told(): Promise<string[]> {
  return (await published("TradingAlerts")).map(({ message }) =>
    (message as { type?: string }).type === "lifecycle"
      ? lifecycleMessageSchema.parse(message).event
      : `alert ${(message as { alert: Alert }).alert.alertId}`,
  );
}

/** The stream's breakout of `alert`'s detection (up, on BREAKOUT), stored as the consumer stores it. */
async function breakOut(alert: Alert): Promise<DetectionEvent> {
  const outcome = BROKE_OUT;
  const patternId = alert.patternId as string;
  await recordOutcomes([
    {
      patternId,
      interval: alert.interval,
      detectedAt: alert.barTime,
      outcome,
      asOf: `${BREAKOUT}T00:00:00.000Z`,
    },
  ]);
  return {
    patternId,
    alertId: alert.alertId,
    event: {
      type: "breakout",
      pattern: "DBOT",
      detectedAt: alert.barTime,
      time: BREAKOUT,
      outcome,
      direction: "up",
      target: 130,
    },
  };
}

describe("lifecycle order", () => {
  it("tells an approved alert's breakout only after its approved message went out", async () => {
    const alert = await storedDetection("LCO");
    await raiseAlert({ ...alert, severity: "CRITICAL" });
    await routeQueuedAlerts();
    const [approval] = await approvalsOfAlert(alert.alertId);
    assert(approval, "the AlertProcessor requested an approval");

    // Approved, but SNS throttles the approved alert's publish: the alert is APPROVED, its message not out.
    const client = sns();
    const original = client.send.bind(client) as (command: object) => Promise<unknown>;
    const send = vi.spyOn(client, "send").mockImplementation(async (command: object) => {
      if (command instanceof PublishCommand)
        throw Object.assign(new Error("Rate exceeded"), { name: "Throttled" });
      return original(command);
    });
    await expect(decideApproval(approval.tokenHash, "approve", "alice", undefined)).rejects.toThrow(
      "Rate exceeded",
    );
    send.mockRestore();
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "APPROVED" });
    expect(await getAlert(alert.alertId)).not.toHaveProperty("publishedAt");

    // Meanwhile the stream sees its breakout: nothing goes out before the alert's message.
    expect(await tellLifecycle("LCO", "1d", [await breakOut(alert)])).toBe(0);
    expect(await told()).toEqual([]);

    // The decision retried: the alert's message, then the breakout it has not been told.
    expect(await decideApproval(approval.tokenHash, "approve", "alice", undefined)).toMatchObject({
      kind: "repeated",
    });
    expect(await told()).toEqual([`alert ${alert.alertId}`, "breakout"]);
  });
});

/** `n` published alerts of `symbol`'s detections (one a day from 1 February 2024), their messages read off. */
async function publishedAlerts(symbol: string, n: number): Promise<Alert[]> {
  const detections = Array.from({ length: n }, (_, i) =>
    dbotDetection({}, `2024-02-${String(i + 1).padStart(2, "0")}`),
  );
  const { patterns } = await savePatterns(symbol, "1d", detections, "stream");
  const alerts = patterns.map(({ patternId, detectedAt }) =>
    queuedAlert({ symbol, pattern: "DBOT", patternId, barTime: detectedAt }),
  );
  for (const alert of alerts) await putAlertIfNew(alert);
  expect(await routeAlerts(alerts)).toMatchObject(alerts.map(() => ({ value: "published" })));
  await published("TradingAlerts");
  return alerts;
}

/** The stream's events of a batch in which each alert's detection broke out (and, `resolved`, then resolved). */
async function batchEvents(alerts: readonly Alert[], resolved: boolean): Promise<DetectionEvent[]> {
  const outcome = resolved ? RESOLVED_AT_TARGET : BROKE_OUT;
  await recordOutcomes(
    alerts.map(({ patternId, interval, barTime }) => ({
      patternId: patternId as string,
      interval,
      detectedAt: barTime,
      outcome,
      asOf: `${outcome.resolvedAt ?? BREAKOUT}T00:00:00.000Z`,
    })),
  );
  return alerts.flatMap(({ alertId, patternId, barTime: detectedAt }) => {
    const seen = { pattern: "DBOT" as const, detectedAt };
    const breakout = {
      ...seen,
      type: "breakout" as const,
      time: BREAKOUT,
      outcome: BROKE_OUT,
      direction: "up" as const,
    };
    const resolution = {
      ...seen,
      type: "resolved" as const,
      time: RESOLVED_AT_TARGET.resolvedAt as string,
      outcome: RESOLVED_AT_TARGET,
      status: "target" as const,
      succeeded: true,
    };
    const events = resolved ? [breakout, resolution] : [breakout];
    return events.map((event) => ({
      patternId: patternId as string,
      alertId,
      event: { target: 130, ...event },
    }));
  });
}

describe("lifecycle messages of a batch", () => {
  it("tells 23 alerts' breakouts in 3 PublishBatch calls, no Publish, each marked", async () => {
    const alerts = await publishedAlerts("LCN", 23);
    const events = await batchEvents(alerts, false);
    let sent = 0;
    const calls = await snsCalls(async () => {
      sent = await tellLifecycle("LCN", "1d", events);
    });
    expect(sent).toBe(23);
    expect(calls.map(({ command }) => command)).toEqual(Array(3).fill(PublishBatchCommand.name));
    expect(calls.map(({ told }) => told.length).sort()).toEqual([10, 10, 3]);
    for (const alert of alerts) expect(await getAlert(alert.alertId)).toHaveProperty("breakoutSentAt");
    const told = await toldByAlert();
    expect(alerts.map(({ alertId }) => told.get(alertId))).toEqual(alerts.map(() => ["breakout"]));
  });

  it("tells each alert's breakout before its resolution; one SNS refuses stays unmarked and fails the batch", async () => {
    const alerts = await publishedAlerts("LCF", 12);
    const [refused] = alerts.slice(4, 5) as [Alert];
    const events = await batchEvents(alerts, true);

    // SNS throttles one alert's breakout: the others' go out and are marked, then the call fails.
    const first = snsCalls(() => tellLifecycle("LCF", "1d", events), [`${refused.alertId} breakout`]);
    await expect(first).rejects.toThrow("Throttled");
    for (const alert of alerts) {
      const stored = await getAlert(alert.alertId);
      if (alert === refused) expect(stored).not.toHaveProperty("breakoutSentAt");
      else expect(stored).toHaveProperty("breakoutSentAt");
      expect(stored).not.toHaveProperty("resolvedSentAt");
    }

    // The batch retried: the refused breakout, then every resolution, each after its alert's breakout.
    let sent = 0;
    const calls = await snsCalls(async () => {
      sent = await tellLifecycle("LCF", "1d", events);
    });
    expect(sent).toBe(13);
    expect(calls.every(({ command }) => command === PublishBatchCommand.name)).toBe(true);
    const resolvedCall = calls.findIndex(({ told }) => told.includes(`${refused.alertId} resolved`));
    const breakoutCall = calls.findIndex(({ told }) => told.includes(`${refused.alertId} breakout`));
    expect(breakoutCall).toBeLessThan(resolvedCall);
    const told = await toldByAlert();
    for (const alert of alerts) {
      expect(told.get(alert.alertId)).toEqual(["breakout", "resolved"]);
      expect(await getAlert(alert.alertId)).toHaveProperty("resolvedSentAt");
    }
  });
});
