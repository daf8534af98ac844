// AlertProcessor against fauxqs (SQS + SNS) and dynalite: routing, approvals, redelivery, bad messages.

import assert from "node:assert";
import { PublishBatchCommand, type PublishBatchCommandOutput } from "@aws-sdk/client-sns";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { BatchGetCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it, vi } from "vitest";
import { getAlert, putAlertIfNew, raiseAlert } from "#alerts";
import { approvalsOfAlert, createApproval, recordDecision, requestApproval } from "#approvals";
import { dynamo, sns } from "#aws";
import {
  deleteSucceeded,
  forgetNotified,
  lambdaContext,
  published,
  queueUrl,
  receiveSqsEvent,
  testSqs,
} from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { captureLogs } from "#test/logs";
import { handler } from "./alert-processor";

/** One poll of AlertQueue through the handler, deleting what succeeded (as Lambda does). */
async function poll() {
  const url = queueUrl("AlertQueue");
  const event = await receiveSqsEvent(url);
  const context = lambdaContext("AlertProcessor");
  const response = await handler(event, context);
  await deleteSucceeded(url, event, response.batchItemFailures);
  return { event, response, context };
}

describe("AlertProcessor", () => {
  it("publishes a non-critical alert to TradingAlerts once and marks it PUBLISHED", async () => {
    const alert = queuedAlert({ severity: "HIGH" });
    await raiseAlert(alert);
    const {
      result: { event, response, context },
      lines,
    } = await captureLogs("INFO", poll);
    expect(event.Records).toHaveLength(1);
    // JSON lines that tie the work to the invocation and the alert.
    expect(lines.find((line) => line.message === "Alerts routed")).toMatchObject({
      level: "INFO",
      function_name: "AlertProcessor",
      function_request_id: context.awsRequestId,
      outcomes: { published: [alert.alertId] },
    });
    expect(response.batchItemFailures).toEqual([]);
    const messages = await published("TradingAlerts");
    expect(messages.map((m) => m.message.alert.alertId)).toEqual([alert.alertId]);
    expect(messages[0]?.subject).toContain("[HIGH] SPX");
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "PUBLISHED" });
  });

  it("routes a stored alert with three writes (the claim, which answers the alert, the publish, the caught-up mark) and one read", async () => {
    // Raised by the stream, its catch-up is marked done by its publisher (catchUpLifecycle).
    const alert = queuedAlert({ severity: "MEDIUM", raisedBy: "stream" });
    await raiseAlert(alert);
    const send = vi.spyOn(dynamo(), "send");
    const { response } = await poll();
    const commands = send.mock.calls.map(([command]) => command.constructor.name);
    send.mockRestore();
    expect(response.batchItemFailures).toEqual([]);
    // The read: its detection's stored outcome (one batch read for the batch's alerts), for the lifecycle
    // events it has not been told (none here); then the mark that its catch-up is done, so the sweep does
    // not read it again.
    expect(commands).toEqual([
      UpdateCommand.name,
      UpdateCommand.name,
      BatchGetCommand.name,
      UpdateCommand.name,
    ]);
    const [message] = (await published("TradingAlerts")).map((m) => m.message.alert);
    // The status it is published under, as GET /alerts/{alertId} answers it then (an approved alert goes
    // out APPROVED), not the QUEUED it was claimed in.
    expect(message).toMatchObject({ alertId: alert.alertId, message: alert.message, status: "PUBLISHED" });
    // Subscribers get the alert, not the processors' bookkeeping (core's toAlertView).
    expect(message).not.toHaveProperty("claimedAt");
    expect(message).not.toHaveProperty("enqueuedAt");
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "PUBLISHED",
      caughtUpAt: expect.any(String),
    });
  });

  it("publishes a batch's alerts with one call; an alert SNS refuses is retried alone, still claimed", async () => {
    const alerts = [queuedAlert({ severity: "MEDIUM" }), queuedAlert(), queuedAlert({ severity: "MEDIUM" })];
    for (const alert of alerts) await raiseAlert(alert);
    const client = sns();
    const original = client.send.bind(client) as (command: object) => Promise<PublishBatchCommandOutput>;
    const calls: string[] = [];
    const send = vi.spyOn(client, "send").mockImplementation(async (command: object) => {
      calls.push(command.constructor.name);
      if (!(command instanceof PublishBatchCommand)) return original(command);
      // SNS throttles the batch's last entry and publishes the others.
      const entries = command.input.PublishBatchRequestEntries ?? [];
      const answer = await original(
        new PublishBatchCommand({ ...command.input, PublishBatchRequestEntries: entries.slice(0, -1) }),
      );
      return { ...answer, Failed: [{ Id: entries.at(-1)?.Id, Code: "Throttled", SenderFault: false }] };
    });
    const {
      result: { event, response },
      lines,
    } = await captureLogs("INFO", poll);
    send.mockRestore();
    expect(event.Records).toHaveLength(3);
    expect(calls).toEqual([PublishBatchCommand.name]);
    const out = (await published("TradingAlerts")).map((m) => m.message.alert.alertId);
    const left = alerts.find((alert) => !out.includes(alert.alertId));
    expect(out).toHaveLength(2);
    // One INFO line for the batch, naming the alerts each outcome had (a line per alert was 470 bytes each,
    // about 29 bytes a bar of the stream). The refused one is in no outcome: it is retried.
    expect(lines.map(({ message, outcomes }) => ({ message, outcomes }))).toEqual([
      { message: "Alerts routed", outcomes: { published: expect.any(Array) } },
    ]);
    const routed = (lines[0]?.outcomes as { published?: string[] } | undefined)?.published ?? [];
    expect([...routed].sort()).toEqual([...out].sort());
    const refusedMessage = event.Records.find((record) => JSON.parse(record.body).alertId === left?.alertId);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: refusedMessage?.messageId }]);
    expect(await getAlert(left?.alertId ?? "")).toMatchObject({ status: "QUEUED" });
    expect(await getAlert(left?.alertId ?? "")).toHaveProperty("claimedAt");
  });

  it("turns a CRITICAL alert into one pending approval, a PendingApprovals message and an approval request", async () => {
    const alert = queuedAlert({ severity: "CRITICAL", confidence: 95 });
    await raiseAlert(alert);
    const send = vi.spyOn(dynamo(), "send");
    await poll();
    const commands = send.mock.calls.map(([command]) => command.constructor.name);
    send.mockRestore();
    // The stored alert is read once (no put first): its claim, the approval, the notified mark.
    expect(commands).toEqual([GetCommand.name, UpdateCommand.name, PutCommand.name, UpdateCommand.name]);
    expect(await published("TradingAlerts")).toEqual([]);
    const requests = await published("AlertApprovalRequests");
    expect(requests).toHaveLength(1);
    const [request] = requests;
    assert(request, "one approval request, as checked above");
    const link = new URL(request.message.approveUrl);
    expect(link.origin).toBe("http://127.0.0.1:5173");
    expect(link.searchParams.get("token")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const approvals = await approvalsOfAlert(alert.alertId);
    expect(approvals).toHaveLength(1);
    const [approval] = approvals;
    assert(approval, "one approval, as checked above");
    expect(approval).toMatchObject({ status: "PENDING", symbol: "SPX", severity: "CRITICAL" });
    // The token itself is never stored, only its hash.
    expect(JSON.stringify(approval)).not.toContain(link.searchParams.get("token"));
    expect(Date.parse(approval.expiresAt) - Date.parse(approval.createdAt)).toBe(3600_000);
    const pending = await receiveSqsEvent(queueUrl("PendingApprovals"));
    expect(pending.Records.map((r) => JSON.parse(r.body))).toEqual([
      { tokenHash: approval.tokenHash, alertId: alert.alertId, expiresAt: approval.expiresAt },
    ]);
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "PENDING_APPROVAL",
      approvalTokenHash: approval.tokenHash,
    });
  });

  it("stores a CRITICAL alert that arrives unstored (another producer), then requests its approval", async () => {
    const alert = queuedAlert({ severity: "CRITICAL", confidence: 94 });
    const sqs = testSqs();
    await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl("AlertQueue"), MessageBody: JSON.stringify(alert) }),
    );
    sqs.destroy();
    const { response } = await poll();
    expect(response.batchItemFailures).toEqual([]);
    expect(await approvalsOfAlert(alert.alertId)).toHaveLength(1);
    expect(await published("AlertApprovalRequests")).toHaveLength(1);
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "PENDING_APPROVAL", symbol: alert.symbol });
  });

  it("creates nothing twice when the same message is delivered again", async () => {
    const critical = queuedAlert({ severity: "CRITICAL", confidence: 93 });
    const medium = queuedAlert({ severity: "MEDIUM", confidence: 61 });
    const sqs = testSqs();
    for (let i = 0; i < 2; i++) {
      for (const alert of [critical, medium]) {
        await sqs.send(
          new SendMessageCommand({ QueueUrl: queueUrl("AlertQueue"), MessageBody: JSON.stringify(alert) }),
        );
      }
    }
    const { event, response } = await poll();
    expect(event.Records).toHaveLength(4);
    expect(response.batchItemFailures).toEqual([]);
    expect((await published("TradingAlerts")).map((m) => m.message.alert.alertId)).toEqual([medium.alertId]);
    expect(await published("AlertApprovalRequests")).toHaveLength(1);
    expect(await approvalsOfAlert(critical.alertId)).toHaveLength(1);
    // And once more, after everything settled: still nothing new.
    await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl("AlertQueue"), MessageBody: JSON.stringify(critical) }),
    );
    await poll();
    expect(await approvalsOfAlert(critical.alertId)).toHaveLength(1);
    expect(await published("AlertApprovalRequests")).toEqual([]);
    sqs.destroy();
  });

  it("reports a malformed message as a batch item failure without blocking the good ones", async () => {
    const good = queuedAlert({ severity: "MEDIUM" });
    const sqs = testSqs();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl("AlertQueue"), MessageBody: "{not json" }));
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl("AlertQueue"),
        MessageBody: JSON.stringify({ alertId: "x" }),
      }),
    );
    await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl("AlertQueue"), MessageBody: JSON.stringify(good) }),
    );
    const { event, response } = await poll();
    const bad = event.Records.filter((r) => r.body !== JSON.stringify(good)).map((r) => r.messageId);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(bad.sort());
    expect((await published("TradingAlerts")).map((m) => m.message.alert.alertId)).toEqual([good.alertId]);
    sqs.destroy();
  });

  it("finishes an approval request whose processor stopped half way, reissuing the token", async () => {
    const staleHash = "a".repeat(64);
    const claimedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    const alert = queuedAlert({ severity: "CRITICAL" });
    // As left by a processor that claimed the alert and stored the approval, then stopped.
    await putAlertIfNew({ ...alert, status: "PENDING_APPROVAL", approvalTokenHash: staleHash, claimedAt });
    await createApproval({
      tokenHash: staleHash,
      alertId: alert.alertId,
      status: "PENDING",
      createdAt: claimedAt,
      expiresAt: new Date(Date.now() + 50 * 60_000).toISOString(),
      expiresAtEpoch: Math.floor(Date.now() / 1000) + 3000,
      symbol: alert.symbol,
      interval: alert.interval,
      severity: "CRITICAL",
      summary: alert.message,
    });
    const sqs = testSqs();
    await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl("AlertQueue"), MessageBody: JSON.stringify(alert) }),
    );
    await poll();
    const approvals = await approvalsOfAlert(alert.alertId);
    expect(approvals.map((a) => a.status).sort()).toEqual(["PENDING", "SUPERSEDED"]);
    const live = approvals.find((a) => a.status === "PENDING");
    expect(await getAlert(alert.alertId)).toMatchObject({ approvalTokenHash: live?.tokenHash });
    expect(await published("AlertApprovalRequests")).toHaveLength(1);
    sqs.destroy();
  });

  it("leaves an alert another processor is routing right now to that processor", async () => {
    const alert = queuedAlert({ severity: "CRITICAL" });
    await putAlertIfNew({
      ...alert,
      status: "PENDING_APPROVAL",
      approvalTokenHash: "b".repeat(64),
      claimedAt: new Date().toISOString(),
    });
    const sqs = testSqs();
    await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl("AlertQueue"), MessageBody: JSON.stringify(alert) }),
    );
    const { response } = await poll();
    expect(response.batchItemFailures).toEqual([]);
    expect(await approvalsOfAlert(alert.alertId)).toEqual([]);
    expect(await published("AlertApprovalRequests")).toEqual([]);
    sqs.destroy();
  });

  it("keeps a rejection made on a stale request's link instead of reissuing the token", async () => {
    const alert = queuedAlert({ severity: "CRITICAL" });
    await putAlertIfNew(alert);
    // Requested and announced ten minutes ago by a processor that stopped before marking it announced.
    await requestApproval(alert, new Date(Date.now() - 10 * 60_000));
    await forgetNotified(alert.alertId);
    expect(await published("AlertApprovalRequests")).toHaveLength(1);
    const [old] = await approvalsOfAlert(alert.alertId);
    assert(old, "the announced approval");
    await recordDecision(old.tokenHash, "REJECTED", "alice", undefined, new Date());
    const sqs = testSqs();
    await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl("AlertQueue"), MessageBody: JSON.stringify(alert) }),
    );
    sqs.destroy();
    const {
      result: { response },
      lines,
    } = await captureLogs("INFO", poll);
    expect(response.batchItemFailures).toEqual([]);
    expect(lines.find((line) => line.message === "Alerts routed")).toMatchObject({
      outcomes: { alreadyDecided: [alert.alertId] },
    });
    expect(await approvalsOfAlert(alert.alertId)).toEqual([
      expect.objectContaining({ tokenHash: old.tokenHash, status: "REJECTED" }),
    ]);
    expect(await published("AlertApprovalRequests")).toEqual([]);
    expect(await published("TradingAlerts")).toEqual([]);
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "REJECTED",
      approvalTokenHash: old.tokenHash,
    });
  });
});
