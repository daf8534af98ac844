// The AlertProcessor's catch-up of a batch against dynalite and fauxqs: the past events of the alerts it
// just published go out together, ten a PublishBatch, each alert's in order; one that fails fails alone.

import { PublishBatchCommand } from "@aws-sdk/client-sns";
import { BatchGetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it, vi } from "vitest";
import { dynamo } from "#aws";
import { resolvedAlerts } from "#test/detections";
import { captureLogs } from "#test/logs";
import { type SnsCall, snsCalls, toldByAlert } from "#test/sns-calls";
import { watchTableCalls, whileTableCallsRefused } from "#test/table-calls";
import type { Alert } from "./alert";
import { unfinishedAlerts } from "./alert-queries";
import { getAlert } from "./repository";
import { routeAlerts } from "./route";

/** The index of the call that carried `alertId`'s `event`. */
const callOf = (calls: readonly SnsCall[], alertId: string, event: string) =>
  calls.findIndex(({ told }) => told.includes(`${alertId} ${event}`));

/** The once-only marks each test writes on Alerts: the alert and the fields each mark sets (markAlertOnce). */
const alertMarks: { alertId: string; sets: string[] }[] = [];
watchTableCalls(["Alerts"], (command, _table, input) => {
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  if (command !== "UpdateItemCommand" || !names["#field"]) return;
  const sets = [names["#field"], names["#caughtUp"]].filter((field): field is string => field !== undefined);
  alertMarks.push({ alertId: String((input.Key as Record<string, unknown>).alertId), sets });
});

/** The calls each test makes on TradingPatterns, by command. */
const patternCalls: string[] = [];
watchTableCalls(["TradingPatterns"], (command) => patternCalls.push(command));

describe("catch-up of a routed batch", () => {
  it("reads the outcomes of a routed batch's alerts in one BatchGetItem, not a GetItem each", async () => {
    const alerts = await resolvedAlerts("CUR", 10, "stream", { raisedBy: "stream" });
    patternCalls.length = 0;
    await snsCalls(async () => {
      expect(await routeAlerts(alerts)).toMatchObject(alerts.map(() => ({ value: "published" })));
    });
    expect(patternCalls).toEqual(["BatchGetItemCommand"]);
    const told = await toldByAlert();
    for (const { alertId } of alerts) expect(told.get(alertId)).toEqual(["alert", "breakout", "resolved"]);
  });

  it("marks each alert caught up in the write of its last event's mark, not a write of its own", async () => {
    const alerts = await resolvedAlerts("CUW", 4, "stream", { raisedBy: "stream" });
    const ours = new Set(alerts.map(({ alertId }) => alertId));
    alertMarks.length = 0;
    await snsCalls(async () => {
      expect(await routeAlerts(alerts)).toMatchObject(alerts.map(() => ({ value: "published" })));
    });
    for (const { alertId } of alerts) {
      const stored = await getAlert(alertId);
      expect(stored).toMatchObject({
        caughtUpAt: stored?.resolvedSentAt,
        breakoutSentAt: expect.any(String),
      });
      expect(alertMarks.filter((mark) => mark.alertId === alertId).map(({ sets }) => sets)).toEqual([
        ["breakoutSentAt"],
        ["resolvedSentAt", "caughtUpAt"],
      ]);
    }
    // Out of the unfinished index with the same write: the sweep's query finds none of them.
    const unfinished: string[] = [];
    for await (const chunk of unfinishedAlerts(new Date(0).toISOString(), new Date().toISOString()))
      unfinished.push(...chunk.map(({ alertId }) => alertId).filter((id) => ours.has(id)));
    expect(unfinished).toEqual([]);
  });

  it("reads again the outcome DynamoDB left unprocessed, and tells its alert as the others", async () => {
    const alerts = await resolvedAlerts("CUU", 3, "stream", { raisedBy: "stream" });
    const client = dynamo();
    const original = client.send.bind(client) as (command: object) => Promise<unknown>;
    const asked: number[] = [];
    const send = vi.spyOn(client, "send").mockImplementation(async (command: object) => {
      if (!(command instanceof BatchGetCommand)) return original(command);
      const [[table, request]] = Object.entries(command.input.RequestItems ?? {}) as [
        [string, { Keys: Record<string, unknown>[] }],
      ];
      asked.push(request.Keys.length);
      if (asked.length > 1) return original(command);
      // The first call's first key left unprocessed (throttled), the others answered.
      const [left, ...read] = request.Keys;
      const answer = (await original(
        new BatchGetCommand({ RequestItems: { [table]: { ...request, Keys: read } } }),
      )) as object;
      return { ...answer, UnprocessedKeys: { [table]: { ...request, Keys: [left] } } };
    });
    let routed: PromiseSettledResult<unknown>[] = [];
    try {
      await snsCalls(async () => {
        routed = await routeAlerts(alerts);
      });
    } finally {
      send.mockRestore();
    }
    expect(asked).toEqual([3, 1]);
    expect(routed).toEqual(alerts.map(() => ({ status: "fulfilled", value: "published" })));
    const told = await toldByAlert();
    for (const { alertId } of alerts) expect(told.get(alertId)).toEqual(["alert", "breakout", "resolved"]);
  });

  it("fails each alert whose outcome the failed batch read was for; their retry tells them in order", async () => {
    const alerts = await resolvedAlerts("CUX", 3, "stream", { raisedBy: "stream" });
    let routed: PromiseSettledResult<unknown>[] = [];
    await whileTableCallsRefused(
      ["TradingPatterns"],
      (command) => (command === "BatchGetItemCommand" ? "Internal server error" : undefined),
      () =>
        snsCalls(async () => {
          routed = await routeAlerts(alerts);
        }),
    );
    expect(routed.map(({ status }) => status)).toEqual(["rejected", "rejected", "rejected"]);
    const told = await toldByAlert();
    for (const { alertId } of alerts) {
      // Published, its past events not told, not caught up: its message comes back.
      expect(told.get(alertId)).toEqual(["alert"]);
      expect(await getAlert(alertId)).toMatchObject({ status: "PUBLISHED", publishedAt: expect.any(String) });
      expect(await getAlert(alertId)).not.toHaveProperty("caughtUpAt");
    }
    expect(await routeAlerts(alerts)).toEqual(
      alerts.map(() => ({ status: "fulfilled", value: "alreadyPublished" })),
    );
    const retold = await toldByAlert();
    for (const { alertId } of alerts) {
      expect(retold.get(alertId)).toEqual(["breakout", "resolved"]);
      expect(await getAlert(alertId)).toHaveProperty("caughtUpAt");
    }
  });

  it("a retried delivery catches its alert up alone, marking it caught up in its last event's mark", async () => {
    const alerts = await resolvedAlerts("CUS", 2, "stream", { raisedBy: "stream" });
    // Published, their catch-up failed (its batch read refused): the retry is each alert's own catch-up.
    await whileTableCallsRefused(
      ["TradingPatterns"],
      (command) => (command === "BatchGetItemCommand" ? "Internal server error" : undefined),
      () => snsCalls(() => routeAlerts(alerts)),
    );
    alertMarks.length = 0;
    await snsCalls(async () => {
      expect(await routeAlerts(alerts)).toEqual(
        alerts.map(() => ({ status: "fulfilled", value: "alreadyPublished" })),
      );
    });
    for (const { alertId } of alerts) {
      expect(alertMarks.filter((mark) => mark.alertId === alertId).map(({ sets }) => sets)).toEqual([
        ["breakoutSentAt"],
        ["resolvedSentAt", "caughtUpAt"],
      ]);
      const stored = await getAlert(alertId);
      expect(stored).toMatchObject({ caughtUpAt: stored?.resolvedSentAt });
    }
  });

  it("tells 23 just-published alerts' past events in rounds of PublishBatch, no Publish, each in order", async () => {
    const alerts = await resolvedAlerts("CUB", 23, "stream", { raisedBy: "stream" });
    const { result: calls, lines } = await captureLogs("INFO", () =>
      snsCalls(async () => {
        expect(await routeAlerts(alerts)).toMatchObject(alerts.map(() => ({ value: "published" })));
      }),
    );
    // The alerts (3 calls), then the breakouts (3), then the resolutions (3): 46 events in 6 calls.
    expect(calls.map(({ command }) => command)).toEqual(Array(9).fill(PublishBatchCommand.name));
    expect(calls.slice(3).map(({ told }) => told.length)).toEqual([10, 10, 3, 10, 10, 3]);
    const told = await toldByAlert();
    for (const { alertId } of alerts) {
      expect(told.get(alertId)).toEqual(["alert", "breakout", "resolved"]);
      expect(callOf(calls, alertId, "breakout")).toBeLessThan(callOf(calls, alertId, "resolved"));
      expect(await getAlert(alertId)).toMatchObject({
        status: "PUBLISHED",
        breakoutSentAt: expect.any(String),
        resolvedSentAt: expect.any(String),
        caughtUpAt: expect.any(String),
      });
    }
    // One line for the batch, with each alert's count.
    const said = lines.filter(({ message }) => message === "Past lifecycle events told");
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ sent: 46 });
    expect(Object.values(said[0]?.alerts as Record<string, number>)).toEqual(alerts.map(() => 2));
  });

  it("fails only the alert whose past event SNS refused; its retry tells the rest in order", async () => {
    const alerts = await resolvedAlerts("CUF", 12, "stream", { raisedBy: "stream" });
    const [noBreakout, noResolution] = alerts.slice(4, 6) as [Alert, Alert];
    const refuse = [`${noBreakout.alertId} breakout`, `${noResolution.alertId} resolved`];

    let routed: PromiseSettledResult<unknown>[] = [];
    await snsCalls(async () => {
      routed = await routeAlerts(alerts);
    }, refuse);
    alerts.forEach((alert, n) => {
      if (alert === noBreakout || alert === noResolution)
        expect(routed[n]).toMatchObject({ status: "rejected" });
      else expect(routed[n]).toEqual({ status: "fulfilled", value: "published" });
    });
    expect(String((routed[4] as PromiseRejectedResult).reason)).toContain("Throttled");
    const told = await toldByAlert();
    for (const alert of alerts) {
      const stored = await getAlert(alert.alertId);
      // Its own message went out and it is published, whatever its catch-up did.
      expect(stored).toMatchObject({ status: "PUBLISHED", publishedAt: expect.any(String) });
      if (alert === noBreakout) {
        // Its breakout refused: not marked, its resolution not sent, not caught up.
        expect(told.get(alert.alertId)).toEqual(["alert"]);
        expect(stored).not.toHaveProperty("breakoutSentAt");
        expect(stored).not.toHaveProperty("resolvedSentAt");
        expect(stored).not.toHaveProperty("caughtUpAt");
      } else if (alert === noResolution) {
        expect(told.get(alert.alertId)).toEqual(["alert", "breakout"]);
        expect(stored).toHaveProperty("breakoutSentAt");
        expect(stored).not.toHaveProperty("resolvedSentAt");
        expect(stored).not.toHaveProperty("caughtUpAt");
      } else {
        expect(told.get(alert.alertId)).toEqual(["alert", "breakout", "resolved"]);
        expect(stored).toHaveProperty("resolvedSentAt");
        expect(stored).toHaveProperty("caughtUpAt");
      }
    }

    // Their messages retried: each is told what it was not, in order, and caught up; the alert not again.
    expect(await routeAlerts([noBreakout, noResolution])).toEqual([
      { status: "fulfilled", value: "alreadyPublished" },
      { status: "fulfilled", value: "alreadyPublished" },
    ]);
    const retold = await toldByAlert();
    expect([...retold.keys()].sort()).toEqual([noBreakout.alertId, noResolution.alertId].sort());
    expect(retold.get(noBreakout.alertId)).toEqual(["breakout", "resolved"]);
    expect(retold.get(noResolution.alertId)).toEqual(["resolved"]);
    for (const alert of [noBreakout, noResolution])
      expect(await getAlert(alert.alertId)).toMatchObject({
        resolvedSentAt: expect.any(String),
        caughtUpAt: expect.any(String),
      });
  });

  it("fails only the alert whose breakout mark failed; its resolution waits for its retry", async () => {
    const alerts = await resolvedAlerts("CUM", 3, "stream", { raisedBy: "stream" });
    const [unmarked] = alerts.slice(1, 2) as [Alert];
    const client = dynamo();
    const original = client.send.bind(client) as (command: object) => Promise<unknown>;
    const send = vi.spyOn(client, "send").mockImplementation(async (command: object) => {
      const { Key, ExpressionAttributeNames } = (command as UpdateCommand).input ?? {};
      if (
        command instanceof UpdateCommand &&
        Key?.alertId === unmarked.alertId &&
        ExpressionAttributeNames?.["#field"] === "breakoutSentAt"
      )
        throw Object.assign(new Error("Internal server error"), { name: "InternalServerError" });
      return original(command);
    });
    let routed: PromiseSettledResult<unknown>[] = [];
    try {
      routed = await routeAlerts(alerts);
    } finally {
      send.mockRestore();
    }
    expect(routed.map(({ status }) => status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const told = await toldByAlert();
    // Sent, its mark failed: its resolution is not sent and it is not caught up; the others finish.
    expect(told.get(unmarked.alertId)).toEqual(["alert", "breakout"]);
    expect(await getAlert(unmarked.alertId)).not.toHaveProperty("caughtUpAt");
    for (const alert of alerts.filter((a) => a !== unmarked))
      expect(await getAlert(alert.alertId)).toHaveProperty("caughtUpAt");

    // Its retry sends the breakout again (at least once, one eventId), then its resolution.
    expect(await routeAlerts([unmarked])).toEqual([{ status: "fulfilled", value: "alreadyPublished" }]);
    expect((await toldByAlert()).get(unmarked.alertId)).toEqual(["breakout", "resolved"]);
    expect(await getAlert(unmarked.alertId)).toHaveProperty("caughtUpAt");
  });
});
