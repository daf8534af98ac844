// `npm start --data-dir` killed whole (SIGKILL) inside an alert's write: dynalite had stored the write's
// index entry (byCreatedAt, which the sweep queries) and not yet the item. The index's copy says claimed or
// PUBLISHED; the item is still QUEUED, unclaimed or claimed, its AlertQueue message lost with the queues.
// The restart's sweep must route it at once, as it does any alert the earlier run left QUEUED.
// Killed inside an approval's close (a decision, an expiry), dynalite had taken it out of the open index
// (openByDeadline, which the sweep queries for approvals past their hour) and not yet written the item: still
// PENDING, and still saying it is in that index. The sweeps must expire it all the same, once past its hour.

import assert from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTables, dynamoDbClient } from "@stock-patterns/emulators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAlert, listAlerts, raiseAlert } from "#alerts";
import {
  approvalsOfAlert,
  deadlineOf,
  decideApproval,
  getApproval,
  pendingApprovalsExpiredBefore,
  watchApproval,
} from "#approvals";
import { DEFAULT_RECOVERY_TIMING } from "#config";
import { handler as alertProcessor } from "#handlers/alert-processor";
import { sweepHandler } from "#handlers/threshold-checker";
import { deleteSucceeded, lambdaContext, published, queueUrl, receiveSqsEvent } from "#test/aws";
import { type DynamoDbProcess, startDynamoDbProcess, type TornWrite } from "#test/dynamodb-killed-mid-write";
import { queuedAlert } from "#test/fixtures";
import { overdueApproval } from "#test/overdue-approval";
import { sweepStranded } from "./sweep";

const dir = mkdtempSync(join(tmpdir(), "sweep-torn-write-"));
let dynamodb: DynamoDbProcess;

beforeAll(async () => {
  // Before any handler's first call: this file's DynamoDB client is made for this endpoint, and restarts
  // of the emulator keep its port.
  dynamodb = await startDynamoDbProcess(dir);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamodb.endpoint;
  const client = dynamoDbClient(dynamodb.endpoint);
  await createTables(client);
  client.destroy();
});

afterAll(async () => {
  await dynamodb?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** One AlertProcessor poll of AlertQueue; every message is then gone, as the run's in-memory queues are. */
async function routeOnce(): Promise<string[]> {
  const url = queueUrl("AlertQueue");
  const event = await receiveSqsEvent(url);
  await alertProcessor(event, lambdaContext("AlertProcessor"));
  await deleteSucceeded(url, event, []);
  return event.Records.map((record) => JSON.parse(record.body).alertId);
}

/** The alert as the sweep's query reads it: its copy in the byCreatedAt index. */
async function indexCopy(alertId: string) {
  const { items } = await listAlerts({ limit: 100 });
  return items.find((alert) => alert.alertId === alertId);
}

describe("the sweep at a local system's start, after a kill inside an alert's write", () => {
  it.each<[TornWrite, Record<string, unknown>]>([
    ["claim", { status: "QUEUED", claimedAt: expect.any(String) }],
    ["publish", { status: "PUBLISHED", publishedAt: expect.any(String) }],
  ])("routes at once an alert whose %s reached the index and not the item", async (tear, copy) => {
    await dynamodb.stop();
    dynamodb = await startDynamoDbProcess(dir, dynamodb.port, tear);
    const killed = dynamodb.exited;
    const alert = queuedAlert({ severity: "HIGH", createdAt: new Date(Date.now() - 60_000).toISOString() });
    await raiseAlert(alert);
    expect(await routeOnce()).toEqual([alert.alertId]);
    expect(await killed).toBe("SIGKILL");

    dynamodb = await startDynamoDbProcess(dir, dynamodb.port);
    const runStartedAt = new Date().toISOString();
    expect(await indexCopy(alert.alertId)).toMatchObject(copy);
    const stored = await getAlert(alert.alertId);
    expect(stored?.status).toBe("QUEUED");
    if (tear === "claim") expect(stored?.claimedAt).toBeUndefined();

    const swept = await sweepHandler({ runStartedAt }, lambdaContext("ThresholdChecker"));
    expect(swept).toMatchObject({ redriven: 1, failed: 0 });
    expect(await routeOnce()).toEqual([alert.alertId]);
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "PUBLISHED" });
    const told = (await published("TradingAlerts")).map(({ message }) => message.alert.alertId);
    // The earlier run had sent it before its move to PUBLISHED was cut: at least once, the same alertId.
    expect(told).toEqual(tear === "publish" ? [alert.alertId, alert.alertId] : [alert.alertId]);
  });
});

/** Every message on PendingApprovals taken off it: the watches lost with a killed run's in-memory queues. */
async function losePendingApprovals(): Promise<void> {
  const url = queueUrl("PendingApprovals");
  for (;;) {
    const event = await receiveSqsEvent(url);
    if (event.Records.length === 0) return;
    await deleteSucceeded(url, event, []);
  }
}

/** The approvalExpired notices approvers got since the last look, by alert. */
async function expiryNotices(): Promise<string[]> {
  return (await published("AlertApprovalRequests"))
    .filter(({ message }) => message.type === "approvalExpired")
    .map(({ message }) => message.alertId);
}

describe("the sweeps after a kill inside an approval's close", () => {
  const timing = { ...DEFAULT_RECOVERY_TIMING, graceSeconds: 600 };

  it("expire, once past its hour, an approval whose decision reached the open index and not the item", async () => {
    await dynamodb.stop();
    dynamodb = await startDynamoDbProcess(dir, dynamodb.port, "decision");
    const killed = dynamodb.exited;
    const alert = queuedAlert({
      severity: "CRITICAL",
      createdAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await raiseAlert(alert);
    expect(await routeOnce()).toEqual([alert.alertId]);
    await published("AlertApprovalRequests");
    await losePendingApprovals();
    const [approval] = await approvalsOfAlert(alert.alertId);
    assert(approval, "the AlertProcessor requested an approval");
    // The approver's request dies with the system: nothing was decided.
    await expect(decideApproval(approval.tokenHash, "approve", "alice", undefined)).rejects.toThrow();
    expect(await killed).toBe("SIGKILL");

    dynamodb = await startDynamoDbProcess(dir, dynamodb.port);
    const runStartedAt = new Date().toISOString();
    expect(await getApproval(approval.tokenHash)).toMatchObject({ status: "PENDING", openFeed: "open" });
    const open: string[] = [];
    for await (const page of pendingApprovalsExpiredBefore(deadlineOf(approval) + 1))
      open.push(...page.map((a) => a.tokenHash));
    expect(open).not.toContain(approval.tokenHash);
    expect(await sweepHandler({ runStartedAt }, lambdaContext("ThresholdChecker"))).toMatchObject({
      expired: 0,
      failed: 0,
    });

    const due = new Date((deadlineOf(approval) + timing.graceSeconds + 1) * 1000);
    expect(await sweepStranded(due, timing)).toMatchObject({ expired: 1, failed: 0 });
    expect(await expiryNotices()).toEqual([alert.alertId]);
    expect(await getApproval(approval.tokenHash)).toMatchObject({ status: "EXPIRED" });
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "EXPIRED" });
    expect(await sweepStranded(new Date(due.getTime() + 300_000), timing)).toMatchObject({ expired: 0 });
    expect(await expiryNotices()).toEqual([]);
  }, 60_000);

  it("expire at the start an approval whose close as EXPIRED reached the open index and not the item", async () => {
    await dynamodb.stop();
    dynamodb = await startDynamoDbProcess(dir, dynamodb.port, "expiry");
    const killed = dynamodb.exited;
    const approval = await overdueApproval();
    await losePendingApprovals();
    // The approvers were told; the close after the notice is cut.
    await expect(watchApproval(approval)).rejects.toThrow();
    expect(await killed).toBe("SIGKILL");
    expect(await expiryNotices()).toEqual([approval.alertId]);

    dynamodb = await startDynamoDbProcess(dir, dynamodb.port);
    const runStartedAt = new Date().toISOString();
    expect(await getApproval(approval.tokenHash)).toMatchObject({ status: "PENDING", openFeed: "open" });
    expect(await sweepHandler({ runStartedAt }, lambdaContext("ThresholdChecker"))).toMatchObject({
      expired: 1,
      failed: 0,
    });
    // A run stopped between the notice and the close tells them once more (docs/reliability.md, section 2).
    expect(await expiryNotices()).toEqual([approval.alertId]);
    expect(await getApproval(approval.tokenHash)).toMatchObject({ status: "EXPIRED" });
    expect(await getAlert(approval.alertId)).toMatchObject({ status: "EXPIRED" });
    expect(await sweepStranded(new Date(Date.now() + 3600_000), timing)).toMatchObject({ expired: 0 });
    expect(await expiryNotices()).toEqual([]);
  }, 60_000);
});
