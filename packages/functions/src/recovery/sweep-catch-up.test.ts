// A publisher stopped dead (SIGKILL) after its alert went out and before it told the alert's past
// lifecycle events: no retry comes for an approval decided through the API (the approver saw the request
// die), nor for an AlertQueue message lost with a local system's in-memory queues. The sweep tells them.

import assert from "node:assert";
import { fileURLToPath } from "node:url";
import type { LifecycleMessage } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import { type Alert, getAlert, raiseAlert } from "#alerts";
import { approvalsOfAlert } from "#approvals";
import { DEFAULT_RECOVERY_TIMING } from "#config";
import { routeQueuedAlerts } from "#test/alert-queue";
import { deleteSucceeded, published, queueUrl, receiveSqsEvent } from "#test/aws";
import { storedDetection } from "#test/detections";
import { approveThroughKilledApi, killedOnLifecycle } from "#test/killed-on-lifecycle";
import { captureLogs } from "#test/logs";
import { sweepStranded } from "./sweep";

const _API = fileURLToPath(new URL("../api/lambda.ts", import.meta.url));
const ALERT_PROCESSOR = fileURLToPath(new URL("../handlers/alert-processor.ts", import.meta.url));
const timing = { ...DEFAULT_RECOVERY_TIMING, graceSeconds: 600 };
/** A sweep once the grace has passed since the kill. */
const sweepAfterGrace = () => sweepStranded(new Date(Date.now() + (timing.graceSeconds + 1) * 1000), timing);

/** An alert raised an hour ago on a detection the stream has already seen break out. */
async function brokenOutAlert(symbol: string, severity: Alert["severity"]): Promise<Alert> {
  const detection = await storedDetection(symbol, { breakout: { time: "2024-03-12", direction: "up" } });
  const alert = { ...detection, severity, createdAt: new Date(Date.now() - 3600_000).toISOString() };
  await raiseAlert(alert);
  return alert;
}

/** The lifecycle messages on TradingAlerts (the alerts' own messages left out). */
async function lifecycleTold(): Promise<LifecycleMessage[]> {
  return (await published("TradingAlerts"))
    .map(({ message }) => message as unknown as LifecycleMessage)
    .filter((message) => message.type === "lifecycle");
}

describe("the sweep after a publisher stopped before its catch-up", () => {
  it("tells an approved alert's breakout once, when the API died after publishing it", async () => {
    const alert = await brokenOutAlert("CUA", "CRITICAL");
    await routeQueuedAlerts();
    const [approval] = await approvalsOfAlert(alert.alertId);
    assert(approval, "the AlertProcessor requested an approval");
    await published("TradingAlerts");

    const { held } = await approveThroughKilledApi(approval.tokenHash);
    expect(held.map((m) => m.event)).toEqual(["breakout"]);
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "APPROVED",
      publishedAt: expect.any(String),
    });
    expect(await lifecycleTold()).toEqual([]);
    // Within the grace its publisher may still be telling it: left alone.
    expect(await sweepStranded(new Date(), timing)).toMatchObject({ caughtUp: 0, failed: 0 });

    // Its message links the page its approval stored, not one made from the sweep's own setting.
    const base = process.env.APPROVAL_BASE_URL;
    process.env.APPROVAL_BASE_URL = "https://elsewhere.example/";
    try {
      expect(await sweepAfterGrace()).toMatchObject({ caughtUp: 1, failed: 0 });
      expect(await sweepAfterGrace()).toMatchObject({ caughtUp: 0, failed: 0 });
    } finally {
      process.env.APPROVAL_BASE_URL = base;
    }
    const told = await lifecycleTold();
    expect(told.map((m) => m.eventId)).toEqual(held.map((m) => m.eventId));
    expect(told.map((m) => m.alertUrl)).toEqual([approval.alertUrl]);
    expect((await getAlert(alert.alertId))?.breakoutSentAt).toBeDefined();
  }, 60_000);

  it("tells a published alert's breakout once, when the AlertProcessor died and its message was lost", async () => {
    const alert = await brokenOutAlert("CUB", "HIGH");
    const url = queueUrl("AlertQueue");
    const delivery = await receiveSqsEvent(url);
    const { held } = await killedOnLifecycle(ALERT_PROCESSOR, delivery);
    expect(held.map((m) => m.event)).toEqual(["breakout"]);
    // The message went with the queues of a local system that stopped (fauxqs keeps them in memory).
    await deleteSucceeded(url, delivery, []);
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "PUBLISHED" });

    const { result, lines } = await captureLogs("INFO", sweepAfterGrace);
    expect(result).toMatchObject({ caughtUp: 1, failed: 0 });
    // Said once for the run, naming the alert.
    expect(lines.filter((line) => line.message === "Past lifecycle events told")).toEqual([
      expect.objectContaining({ sent: 1, alerts: { [alert.alertId]: 1 } }),
    ]);
    expect(await sweepAfterGrace()).toMatchObject({ caughtUp: 0, failed: 0 });
    expect((await lifecycleTold()).map((m) => m.eventId)).toEqual(held.map((m) => m.eventId));
  }, 60_000);
});
