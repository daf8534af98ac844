// Lifecycle catch-up against fauxqs and dynalite: an alert published (AlertProcessor) or approved (the
// approver's decision) after its detection broke out or resolved is told of those events once, after its
// alert message, as the KinesisConsumer tells later ones.

import assert from "node:assert";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { lifecycleMessageSchema } from "@stock-patterns/core/contracts";
import { describe, expect, it, vi } from "vitest";
import { type Alert, getAlert, raiseAlert } from "#alerts";
import { approvalsOfAlert, decideApproval } from "#approvals";
import { metrics } from "#observability";
import { deleteSucceeded, lambdaContext, published, queueUrl, receiveSqsEvent, testSqs } from "#test/aws";
import { storedDetection } from "#test/detections";
import { captureLogs } from "#test/logs";
import { total } from "#test/metrics";
import { handler } from "./alert-processor";

const BREAKOUT = "2024-03-12";
const RESOLVED = "2024-04-02";

async function poll() {
  const url = queueUrl("AlertQueue");
  const event = await receiveSqsEvent(url);
  const response = await handler(event, lambdaContext("AlertProcessor"));
  await deleteSucceeded(url, event, response.batchItemFailures);
  expect(response.batchItemFailures).toEqual([]);
  return event;
}

/** What went out on TradingAlerts, in order: `alert` or the lifecycle event's name. */
async function told(): Promise<string[]> {
  return (await published("TradingAlerts")).map(({ message }) =>
    (message as { type?: string }).type === "lifecycle"
      ? lifecycleMessageSchema.parse(message).event
      : `alert ${(message as { alert: Alert }).alert.alertId}`,
  );
}

describe("lifecycle catch-up", () => {
  it("tells a breakout stored before the alert was published once, after the alert message", async () => {
    const breakout = { time: BREAKOUT, direction: "up" as const };
    const alert = await storedDetection("LCP", { breakout, target: 130 });
    await raiseAlert(alert);
    const added = vi.spyOn(metrics, "addMetric");
    const { result: event, lines } = await captureLogs("INFO", poll);
    expect(event.Records).toHaveLength(1);
    // Said in the log, and counted with the consumer's sends.
    expect(lines.find((line) => line.message === "Past lifecycle events told")).toMatchObject({
      sent: 1,
      alerts: { [alert.alertId]: 1 },
    });
    expect(total(added, "LifecycleMessagesSent")).toBe(1);
    added.mockRestore();

    const messages = await published("TradingAlerts");
    expect(messages.map(({ message }) => (message as { type?: string }).type ?? "alert")).toEqual([
      "alert",
      "lifecycle",
    ]);
    expect(lifecycleMessageSchema.parse(messages[1]?.message)).toMatchObject({
      event: "breakout",
      alertId: alert.alertId,
      time: BREAKOUT,
      status: "open",
      direction: "up",
      target: 130,
      resolvedAt: null,
    });
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "PUBLISHED",
      breakoutSentAt: expect.any(String),
    });

    // The same alert delivered again (a duplicate message): nothing more goes out.
    const sqs = testSqs();
    await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl("AlertQueue"), MessageBody: JSON.stringify(alert) }),
    );
    sqs.destroy();
    expect((await poll()).Records).toHaveLength(1);
    expect(await told()).toEqual([]);
  });

  it("says the past events a batch told in one line, naming each alert told and how many", async () => {
    const alerts = await Promise.all(
      ["LCR", "LCS", "LCT"].map((symbol) =>
        storedDetection(symbol, { breakout: { time: BREAKOUT, direction: "up" } }),
      ),
    );
    for (const alert of alerts) await raiseAlert(alert);
    const { result: event, lines } = await captureLogs("INFO", poll);
    expect(event.Records).toHaveLength(3);
    // A line per alert told was 420 bytes each (bench:pipeline: 230 of 240 alerts); one for the batch now.
    const pastTold = lines.filter((line) => line.message === "Past lifecycle events told");
    expect(pastTold).toEqual([
      expect.objectContaining({
        sent: 3,
        alerts: Object.fromEntries(alerts.map((alert) => [alert.alertId, 1])),
      }),
    ]);
    expect(await told()).toHaveLength(6);
  });

  it("tells a CRITICAL alert's breakout and resolution, in order, once it is approved", async () => {
    const alert = await storedDetection("LCQ", {
      status: "target",
      breakout: { time: BREAKOUT, direction: "up" },
      target: 130,
      resolvedAt: RESOLVED,
    });
    await raiseAlert({ ...alert, severity: "CRITICAL" });
    await poll();
    expect(await told()).toEqual([]);
    const [approval] = await approvalsOfAlert(alert.alertId);
    assert(approval, "the AlertProcessor requested an approval");

    const added = vi.spyOn(metrics, "addMetric");
    expect(await decideApproval(approval.tokenHash, "approve", "alice", undefined)).toMatchObject({
      kind: "decided",
    });
    expect(total(added, "LifecycleMessagesSent")).toBe(2);
    added.mockRestore();
    const messages = (await published("TradingAlerts")).map(({ message }) => message);
    expect(messages[0]).toMatchObject({ alert: { alertId: alert.alertId } });
    const lifecycle = messages.slice(1).map((message) => lifecycleMessageSchema.parse(message));
    expect(lifecycle).toMatchObject([
      { event: "breakout", time: BREAKOUT, status: "open", resolvedAt: null },
      { event: "resolved", time: RESOLVED, status: "target", resolvedAt: RESOLVED },
    ]);
    expect(lifecycle.map(({ alertUrl }) => alertUrl)).toEqual([
      expect.stringContaining(`/#/alerts/${alert.alertId}`),
      expect.stringContaining(`/#/alerts/${alert.alertId}`),
    ]);

    // The decision repeated: the alert and its events are not told again.
    expect(await decideApproval(approval.tokenHash, "approve", "alice", undefined)).toMatchObject({
      kind: "repeated",
    });
    expect(await told()).toEqual([]);
  });
});
