// Lifecycle messages against dynalite and fauxqs, in the orders the stream and the approver can race in:
// a subscriber never gets an event of an alert before the alert's own message.

import assert from "node:assert";
import { PublishCommand } from "@aws-sdk/client-sns";
import type { Outcome } from "@stock-patterns/core";
import { lifecycleMessageSchema } from "@stock-patterns/core/contracts";
import { describe, expect, it, vi } from "vitest";
import { recordOutcomes } from "#analysis";
import { approvalsOfAlert, decideApproval } from "#approvals";
import { sns } from "#aws";
import { routeQueuedAlerts } from "#test/alert-queue";
import { published } from "#test/aws";
import { storedDetection } from "#test/detections";
import type { Alert } from "./alert";
import { type DetectionEvent, tellLifecycle } from "./lifecycle";
import { raiseAlert } from "./raise";
import { getAlert } from "./repository";

const BREAKOUT = "2024-03-12";

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
  const outcome: Outcome = {
    ceiling: 110,
    floor: 90,
    status: "open",
    breakout: { time: BREAKOUT, direction: "up" },
    target: 130,
    resolvedAt: null,
    returns: {},
  };
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
