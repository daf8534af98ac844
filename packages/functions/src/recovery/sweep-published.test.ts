// What the 5-minute sweep does after the stream's alerts went out normally (the AlertProcessor's
// publish, an approver's decision): their publishers told their detections' past events, so the sweep
// has nothing of theirs to read or write, however many went out; one whose publisher stopped before
// marking that is still the sweep's. docs/capacity.md ("Every read, as the tables fill") scales it up.

import assert from "node:assert";
import { UpdateCommand, type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import type { LifecycleMessage } from "@stock-patterns/core/contracts";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { type Alert, getAlert, raiseAlert } from "#alerts";
import { approvalsOfAlert, decideApproval } from "#approvals";
import { dynamo } from "#aws";
import { DEFAULT_RECOVERY_TIMING } from "#config";
import { handler as alertProcessor } from "#handlers/alert-processor";
import { routeQueuedAlerts } from "#test/alert-queue";
import { deleteSucceeded, lambdaContext, published, queueUrl, receiveSqsEvent } from "#test/aws";
import { storedDetection } from "#test/detections";
import { queuedAlert } from "#test/fixtures";
import { NOTHING_HEALED } from "#test/sweep-results";
import { watchTableAnswers } from "#test/table-calls";
import { sweepStranded } from "./sweep";

const timing = DEFAULT_RECOVERY_TIMING;
/**
 * Detection alerts routed by the AlertProcessor, stored as the KinesisConsumer stores its own (`raisedBy`);
 * every third one's detection had broken out already.
 */
const DETECTIONS = 30;
/** Threshold alerts routed by the AlertProcessor: no detection, so no lifecycle events. */
const THRESHOLDS = 8;
/** CRITICAL detection alerts, published by an approver's decision; each one's detection had broken out. */
const APPROVED = 4;
const BREAKOUT = { breakout: { time: "2024-03-12", direction: "up" as const } };

/** The sweep's work on the tables an alert's catch-up touches: items read, writes made. */
const work = { alertKeys: 0, alertsRead: 0, alertWrites: 0, outcomesRead: 0 };
/** The capacity units that work was billed, read and write. */
const units = { read: 0, write: 0 };

beforeEach(() => {
  Object.assign(work, { alertKeys: 0, alertsRead: 0, alertWrites: 0, outcomesRead: 0 });
  Object.assign(units, { read: 0, write: 0 });
});
watchTableAnswers(["Alerts", "TradingPatterns"], (command, table, _input, answer) => {
  const written = /^(Update|Put|Delete)/.test(command);
  if (table === "TradingPatterns") work.outcomesRead += answer.items;
  else if (/^Query/.test(command)) work.alertKeys += answer.scanned;
  else if (written) work.alertWrites += 1;
  else work.alertsRead += answer.items;
  units[written ? "write" : "read"] += answer.units;
});

/** A symbol of its own for the i-th alert (detections of one symbol would share ids). */
const symbolOf = (prefix: string, i: number) =>
  `${prefix}${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;

/** The lifecycle messages on TradingAlerts since the last call, by eventId. */
async function lifecycleTold(): Promise<string[]> {
  return (await published("TradingAlerts"))
    .map(({ message }) => message as unknown as LifecycleMessage)
    .filter((message) => message.type === "lifecycle")
    .map((message) => message.eventId);
}

describe("the sweep after alerts went out normally", () => {
  it("reads and writes nothing of theirs: their publishers made sure of their past events", async () => {
    const createdAt = new Date(Date.now() - 60_000).toISOString();
    const raised: Alert[] = [];
    for (let i = 0; i < DETECTIONS; i++) {
      const detection = await storedDetection(symbolOf("PD", i), i % 3 === 0 ? BREAKOUT : {});
      raised.push({ ...detection, createdAt, raisedBy: "stream" });
    }
    for (let i = 0; i < THRESHOLDS; i++)
      raised.push(
        queuedAlert({
          symbol: symbolOf("PT", i),
          source: "threshold",
          createdAt,
          pattern: undefined,
          patternId: undefined,
          confidence: undefined,
        }),
      );
    const critical: Alert[] = [];
    for (let i = 0; i < APPROVED; i++) {
      const detection = await storedDetection(symbolOf("PC", i), BREAKOUT);
      critical.push({ ...detection, severity: "CRITICAL", createdAt, raisedBy: "stream" });
    }
    for (const alert of [...raised, ...critical]) await raiseAlert(alert);
    await routeQueuedAlerts();
    for (const alert of critical) {
      const [approval] = await approvalsOfAlert(alert.alertId);
      assert(approval, "the AlertProcessor requested an approval");
      expect(await decideApproval(approval.tokenHash, "approve", "alice", undefined)).toMatchObject({
        kind: "decided",
      });
    }
    for (const alert of [...raised, ...critical])
      expect(await getAlert(alert.alertId)).toMatchObject({ publishedAt: expect.any(String) });
    const breakouts = DETECTIONS / 3 + APPROVED;
    expect(await lifecycleTold()).toHaveLength(breakouts);

    // A grace on, when the sweep looks at alerts out on TradingAlerts.
    Object.assign(work, { alertKeys: 0, alertsRead: 0, alertWrites: 0, outcomesRead: 0 });
    Object.assign(units, { read: 0, write: 0 });
    const later = new Date(Date.now() + (timing.graceSeconds + 1) * 1000);
    expect(await sweepStranded(later, timing)).toEqual(NOTHING_HEALED);
    expect(work, `${units.read} read units, ${units.write} write units`).toEqual({
      alertKeys: 0,
      alertsRead: 0,
      alertWrites: 0,
      outcomesRead: 0,
    });
    // Nothing told twice, nothing left for a later run.
    expect(await lifecycleTold()).toEqual([]);
    expect(await sweepStranded(later, timing)).toMatchObject({ caughtUp: 0, failed: 0 });
  }, 120_000);

  it("catches up, telling nothing, an alert with nothing to tell whose publisher stopped before its mark", async () => {
    // An alert with events to tell is marked caught up in its last event's mark; one with none, on its own.
    const detection = await storedDetection("PSM");
    const alert: Alert = {
      ...detection,
      createdAt: new Date(Date.now() - 60_000).toISOString(),
      raisedBy: "stream",
    };
    await raiseAlert(alert);
    // The publisher's mark fails, as if it stopped there; its message goes with a local system's queues.
    const client = dynamo();
    const original = client.send.bind(client) as (command: object) => Promise<unknown>;
    const send = vi.spyOn(client, "send").mockImplementation(async (command: object) => {
      const input = (command as { input?: UpdateCommandInput }).input;
      if (command instanceof UpdateCommand && input?.ExpressionAttributeNames?.["#field"] === "caughtUpAt")
        throw new Error("stopped before its mark");
      return original(command);
    });
    const url = queueUrl("AlertQueue");
    const delivery = await receiveSqsEvent(url);
    const response = await alertProcessor(delivery, lambdaContext("AlertProcessor"));
    send.mockRestore();
    expect(response.batchItemFailures).toHaveLength(1);
    await deleteSucceeded(url, delivery, []);
    expect(await lifecycleTold()).toEqual([]);
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "PUBLISHED" });
    expect((await getAlert(alert.alertId))?.caughtUpAt).toBeUndefined();

    Object.assign(work, { alertKeys: 0, alertsRead: 0, alertWrites: 0, outcomesRead: 0 });
    const later = new Date(Date.now() + (timing.graceSeconds + 1) * 1000);
    // Nothing was left to tell (caughtUp counts alerts told something): the sweep reads it and marks it.
    expect(await sweepStranded(later, timing)).toMatchObject({ caughtUp: 0, failed: 0 });
    expect(work).toMatchObject({ alertKeys: 1, alertWrites: 1 });
    expect(await getAlert(alert.alertId)).toMatchObject({ caughtUpAt: later.toISOString() });
    expect(await lifecycleTold()).toEqual([]);
    expect(await sweepStranded(later, timing)).toMatchObject({ caughtUp: 0, failed: 0 });
  }, 60_000);
});
