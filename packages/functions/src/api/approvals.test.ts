// Approvals end to end: a CRITICAL alert through the AlertProcessor, the link's token, then the API.

import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { sha256Hex } from "@stock-patterns/core";
import { TABLES } from "@stock-patterns/core/catalog";
import { createTableInput } from "@stock-patterns/emulators";
import { describe, expect, it, vi } from "vitest";
import { type Alert, getAlert, raiseAlert } from "#alerts";
import { createApproval, getApproval, requestApproval } from "#approvals";
import { sns } from "#aws";
import { handler as alertProcessor } from "#handlers/alert-processor";
import { metrics } from "#observability";
import { deleteSucceeded, lambdaContext, published, queueUrl, receiveSqsEvent } from "#test/aws";
import { storedDetection } from "#test/detections";
import { queuedAlert, storedApproval } from "#test/fixtures";
import { call } from "#test/http";
import { captureLogs } from "#test/logs";
import { total } from "#test/metrics";

/** Raises a CRITICAL alert, lets the AlertProcessor request approval, and returns the token from the link. */
async function pendingApproval(overrides: Partial<Alert> = {}) {
  const alert = queuedAlert({ severity: "CRITICAL", confidence: 96, ...overrides });
  await raiseAlert(alert);
  const url = queueUrl("AlertQueue");
  const event = await receiveSqsEvent(url);
  const response = await alertProcessor(event, lambdaContext("AlertProcessor"));
  await deleteSucceeded(url, event, response.batchItemFailures);
  const requests = await published("AlertApprovalRequests");
  const link = requests.find((r) => r.message.alert.alertId === alert.alertId)?.message.approveUrl as string;
  return { alert, token: new URL(link).searchParams.get("token") as string };
}

const decide = (token: string, decision: string, key: "approver" | "reader" = "approver", comment?: string) =>
  call(`/approve/${token}`, { key, body: { decision, comment } });

describe("approvals API", () => {
  it("lists pending approvals and shows one by its token, for approvers only", async () => {
    const { alert, token } = await pendingApproval();
    const list = await call("/approvals", { key: "approver" });
    expect(list.status).toBe(200);
    const item = list.json.items.find((a: { alertId: string }) => a.alertId === alert.alertId);
    expect(item).toMatchObject({ status: "PENDING", severity: "CRITICAL", expired: false });
    expect(JSON.stringify(list.json)).not.toContain(token);
    const one = await call(`/approvals/${token}`, { key: "approver" });
    expect(one.json).toMatchObject({ alertId: alert.alertId, status: "PENDING" });
    expect((await call("/approvals", { key: "reader" })).status).toBe(403);
    expect((await call("/approvals")).status).toBe(401);
    expect((await call("/approvals?status=MAYBE", { key: "approver" })).status).toBe(400);
  });

  it("says so when an approval's id is sent where its link's token goes, naming the route that takes it", async () => {
    const { token } = await pendingApproval();
    const id = sha256Hex(token);
    const read = await call(`/approvals/${id}`, { key: "approver" });
    expect([read.status, read.json.detail]).toEqual([
      404,
      "no approval request has this token: it is an approval's id, which GET /approvals/{id}/decision takes",
    ]);
    const decided = await decide(id.toUpperCase(), "approve");
    expect([decided.status, decided.json.detail]).toEqual([
      404,
      "no approval request has this token: it is an approval's id, which POST /approvals/{id}/decision takes",
    ]);
    // Nothing was decided by it, and a token of that form no approval has gets the usual answer.
    expect((await call(`/approvals/${id}/decision`, { key: "approver" })).json.status).toBe("PENDING");
    const unknown = await call(`/approvals/${"e".repeat(64)}`, { key: "approver" });
    expect([unknown.status, unknown.json.detail]).toEqual([
      404,
      expect.stringMatching(/^no approval request has this token, or it is past its keep/),
    ]);
    // A route that takes an id says id.
    for (const method of ["GET", "POST"]) {
      const byId = await call(`/approvals/${"e".repeat(64)}/decision`, {
        key: "approver",
        method,
        ...(method === "POST" ? { body: { decision: "approve" } } : {}),
      });
      expect([method, byId.status, byId.json.detail]).toEqual([
        method,
        404,
        expect.stringMatching(/^no approval request has this id, or it is past its keep/),
      ]);
    }
  });

  it("says expired of a request that ran out undecided, marked EXPIRED or not yet, and of no other", async () => {
    const now = Date.now();
    const expected = { PENDING: true, EXPIRED: true, APPROVED: false, REJECTED: false, SUPERSEDED: false };
    for (const [status, expired] of Object.entries(expected)) {
      const approval = storedApproval({
        token: `expired-view-${status}-${now}`,
        alertId: "alr_0123456789abcdef0123456789abcdef",
        status: status as keyof typeof expected,
        deadline: now - 3_600_000,
      });
      await createApproval(approval);
      const one = await call(`/approvals/${approval.tokenHash}/decision`, { key: "approver" });
      expect([status, one.status, one.json.expired]).toEqual([status, 200, expired]);
      const listed = await call(`/approvals?alertId=${approval.alertId}&status=${status}`, {
        key: "approver",
      });
      const item = listed.json.items.find((each: { id: string }) => each.id === approval.tokenHash);
      expect([status, item?.expired]).toEqual([status, expired]);
    }
  });

  it("approves once: the alert is published to TradingAlerts once, a repeat answers as before", async () => {
    const { alert, token } = await pendingApproval();
    const first = await decide(token, "approve", "approver", "looks right");
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      outcome: "decided",
      approval: { status: "APPROVED", decidedBy: "alice", comment: "looks right" },
    });
    const again = await decide(token, "approve");
    expect(again.status).toBe(200);
    expect(again.json.outcome).toBe("repeated");
    expect(again.json.approval.decidedAt).toBe(first.json.approval.decidedAt);
    const sent = await published("TradingAlerts");
    expect(sent.map((m) => m.message.alert.alertId)).toEqual([alert.alertId]);
    expect(sent[0]?.message.approvedBy).toBe("alice");
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "APPROVED" });
  });

  it("publishes what an approval counted as its request ends: the lifecycle messages its catch-up sent", async () => {
    const detected = await storedDetection("APM", { breakout: { time: "2024-03-12", direction: "up" } });
    const { token } = await pendingApproval({ ...detected, severity: "CRITICAL" });
    const added = vi.spyOn(metrics, "addMetric");
    expect((await decide(token, "approve")).status).toBe(200);
    expect(total(added, "LifecycleMessagesSent")).toBe(1);
    // Flushed with the answer, not left for a later request of this instance (or none) to print.
    expect(metrics.hasStoredMetrics()).toBe(false);
    added.mockRestore();
    const told = (await published("TradingAlerts")).map(({ message }) => message.type ?? "alert");
    expect(told).toEqual(["alert", "lifecycle"]);
  });

  it("lets exactly one of two simultaneous approvals decide, and publishes once", async () => {
    const { alert, token } = await pendingApproval();
    const answers = await Promise.all([decide(token, "approve"), decide(token, "approve")]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => a.json.outcome).sort()).toEqual(["decided", "repeated"]);
    expect((await published("TradingAlerts")).map((m) => m.message.alert.alertId)).toEqual([alert.alertId]);
  });

  it("answers 500 when the approved alert cannot be published, the decision recorded: a repeat publishes it", async () => {
    // So a 500 on a decision does not say it was not recorded (the console's sentence relies on this).
    const { alert, token } = await pendingApproval();
    const down = vi.spyOn(sns(), "send").mockImplementationOnce(async () => {
      throw new Error("SNS is unavailable");
    });
    const failed = await decide(token, "approve");
    down.mockRestore();
    expect(failed.status).toBe(500);
    expect(await getApproval(sha256Hex(token))).toMatchObject({ status: "APPROVED", decidedBy: "alice" });
    expect(await published("TradingAlerts")).toEqual([]);
    const again = await decide(token, "approve");
    expect(again.status).toBe(200);
    expect(again.json.outcome).toBe("repeated");
    expect((await published("TradingAlerts")).map((m) => m.message.alert.alertId)).toEqual([alert.alertId]);
  });

  it("answers 409 when a different decision was recorded first", async () => {
    const { alert, token } = await pendingApproval();
    expect((await decide(token, "reject")).status).toBe(200);
    const late = await decide(token, "approve");
    expect(late.status).toBe(409);
    expect(late.json).toMatchObject({ status: 409, approval: { status: "REJECTED", decidedBy: "alice" } });
    expect(await published("TradingAlerts")).toEqual([]);
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "REJECTED" });
  });

  it("answers 410 for an expired approval", async () => {
    const alert = queuedAlert({ severity: "CRITICAL" });
    await raiseAlert(alert);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await requestApproval(alert, twoHoursAgo);
    const link = (await published("AlertApprovalRequests")).find(
      (r) => r.message.alert.alertId === alert.alertId,
    );
    const token = new URL(link?.message.approveUrl as string).searchParams.get("token") as string;
    const late = await decide(token, "approve");
    expect(late.status).toBe(410);
    expect(late.json.detail).toContain("expired");
    expect(await published("TradingAlerts")).toEqual([]);
  });

  it("answers 410 for a link replaced by a newer approval request", async () => {
    const token = "superseded-token-0123456789";
    const alert = queuedAlert({ severity: "CRITICAL" });
    await createApproval({
      tokenHash: sha256Hex(token),
      alertId: alert.alertId,
      status: "SUPERSEDED",
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      expiresAtEpoch: Math.floor(Date.now() / 1000) + 3600,
      symbol: alert.symbol,
      interval: alert.interval,
      severity: "CRITICAL",
      summary: alert.message,
    });
    const replaced = await decide(token, "reject");
    expect(replaced.status).toBe(410);
    expect(replaced.json.detail).toContain("replaced");
    expect(replaced.json.approval).toMatchObject({ status: "SUPERSEDED", alertId: alert.alertId });
  });

  it("decides from the list by id (the token's hash), with the same answers", async () => {
    const { alert } = await pendingApproval();
    const list = await call("/approvals?limit=100", { key: "approver" });
    const { id } = list.json.items.find((a: { alertId: string }) => a.alertId === alert.alertId);
    const decided = await call(`/approvals/${id}/decision`, {
      key: "approver",
      body: { decision: "approve" },
    });
    expect(decided.status).toBe(200);
    expect(decided.json).toMatchObject({
      outcome: "decided",
      approval: { id, status: "APPROVED", decidedBy: "alice" },
    });
    const clash = await call(`/approvals/${id}/decision`, { key: "approver", body: { decision: "reject" } });
    expect(clash.status).toBe(409);
    expect(
      (await call(`/approvals/${id}/decision`, { key: "reader", body: { decision: "approve" } })).status,
    ).toBe(403);
    expect(
      (
        await call(`/approvals/${"0".repeat(64)}/decision`, {
          key: "approver",
          body: { decision: "approve" },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call("/approvals/xyz/decision", { key: "approver", body: { decision: "approve" } })).status,
    ).toBe(400);
    expect((await published("TradingAlerts")).map((m) => m.message.alert.alertId)).toEqual([alert.alertId]);
  });

  it("answers 404 for an unknown token, 400 for a malformed one or a bad decision, 403 for readers", async () => {
    const { token } = await pendingApproval();
    expect((await decide("A".repeat(43), "approve")).status).toBe(404);
    expect((await call(`/approvals/${"B".repeat(43)}`, { key: "approver" })).status).toBe(404);
    expect((await decide("bad token!", "approve")).status).toBe(400);
    const bad = await decide(token, "maybe");
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe("body.decision");
    expect((await decide(token, "approve", "reader")).status).toBe(403);
    expect((await call(`/approve/${token}`, { key: "approver" })).status).toBe(405);
  });

  it("keeps the link's token out of the log when a decision fails unexpectedly", async () => {
    const { token } = await pendingApproval();
    const dynamo = new DynamoDBClient({});
    await dynamo.send(new DeleteTableCommand({ TableName: "ApprovalTracking" }));
    try {
      const { result, lines } = await captureLogs("ERROR", async () => [
        await decide(token, "approve"),
        await call(`/approvals/${token}`, { key: "approver" }),
      ]);
      expect(result.map((answer) => answer.status)).toEqual([500, 500]);
      const logged = lines.filter((line) => line.message === "Unhandled API error");
      expect(logged.map((line) => line.path)).toEqual(["/approve/:token", "/approvals/:token"]);
      expect(JSON.stringify(lines)).not.toContain(token);
    } finally {
      await dynamo.send(
        new CreateTableCommand(createTableInput("ApprovalTracking", TABLES.ApprovalTracking)),
      );
      dynamo.destroy();
    }
  });
});
