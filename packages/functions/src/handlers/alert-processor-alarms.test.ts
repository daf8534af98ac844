// AlertProcessor taking a CloudWatch alarm's alert as EventBridge's input template writes it
// (infra/schedule.ts): an id `alarm-<name>-<time>` and a time without milliseconds. Stored so, a page of
// GET /alerts ending on it gave a cursor the next request refused, and GET /alerts/{alertId} refused its id.

import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { ALERT_ID, givenAlertId } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { getAlert, raiseAlert } from "#alerts";
import { deleteSucceeded, lambdaContext, queueUrl, receiveSqsEvent, testSqs } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { call } from "#test/http";
import { handler } from "./alert-processor";

/** The template's message for an alarm entering ALARM at `time` (EventBridge's `$.time`, whole seconds). */
const alarmMessage = (time: string) => ({
  alertId: `alarm-stock-patterns-test--Api-error-rate-${time}`,
  source: "threshold",
  symbol: "SYSTEM",
  interval: "alarm",
  severity: "HIGH",
  barTime: time,
  createdAt: time,
  message: "CloudWatch alarm stock-patterns-test--Api-error-rate is in ALARM: Threshold Crossed",
  status: "QUEUED",
});

async function deliver(body: object): Promise<void> {
  const sqs = testSqs();
  await sqs.send(
    new SendMessageCommand({ QueueUrl: queueUrl("AlertQueue"), MessageBody: JSON.stringify(body) }),
  );
  sqs.destroy();
  const url = queueUrl("AlertQueue");
  const event = await receiveSqsEvent(url);
  const response = await handler(event, lambdaContext("AlertProcessor"));
  expect(response.batchItemFailures).toEqual([]);
  await deleteSucceeded(url, event, response.batchItemFailures);
}

describe("AlertProcessor with an alarm's alert", () => {
  it("stores it under an id of the API's shape, created to the millisecond, and the API pages through it and opens it", async () => {
    // An alert created before it, so a page of one ends on the alarm's.
    const older = queuedAlert({ severity: "HIGH", createdAt: "2026-01-02T03:00:00.000Z" });
    await raiseAlert(older);
    const message = alarmMessage("2026-01-02T03:04:05Z");
    await deliver(message);
    const alertId = givenAlertId(message.alertId);
    expect(alertId).toMatch(ALERT_ID);
    expect(await getAlert(alertId)).toMatchObject({
      symbol: "SYSTEM",
      createdAt: "2026-01-02T03:04:05.000Z",
      barTime: "2026-01-02T03:04:05Z",
    });
    // Delivered again (EventBridge delivers at least once): the same alert, none added.
    await deliver(message);
    const all = await call("/alerts?limit=100", { key: "reader" });
    expect(all.json.items.filter((a: { symbol: string }) => a.symbol === "SYSTEM")).toHaveLength(1);

    const first = await call("/alerts?limit=1", { key: "reader" });
    expect(first.status).toBe(200);
    expect(first.json.items.map((a: { alertId: string }) => a.alertId)).toEqual([alertId]);
    const next = await call(`/alerts?limit=1&cursor=${encodeURIComponent(first.json.cursor)}`, {
      key: "reader",
    });
    expect(next.status, JSON.stringify(next.json)).toBe(200);
    expect(next.json.items.map((a: { alertId: string }) => a.alertId)).toEqual([older.alertId]);
    expect((await call(`/alerts/${alertId}`, { key: "reader" })).status).toBe(200);
  });
});
