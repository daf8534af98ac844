// The sweep on dynalite and fauxqs: each state a crash can leave (a write made, the send after it lost)
// is finished once the grace has passed, and only once however often the sweep runs.

import assert from "node:assert";
import { describe, expect, it } from "vitest";
import { type Alert, getAlert, moveAlert, putAlertIfNew, raiseAlert } from "#alerts";
import {
  approvalsOfAlert,
  getApproval,
  markApprovalPublished,
  recordDecision,
  requestApproval,
} from "#approvals";
import { DEFAULT_RECOVERY_TIMING, recoveryTiming } from "#config";
import { handler as routeAlerts } from "#handlers/alert-processor";
import { handler as runSchedule } from "#handlers/threshold-checker";
import {
  deleteSucceeded,
  forgetNotified,
  lambdaContext,
  loseMessages,
  published,
  queueUrl,
  receiveSqsEvent,
} from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { sweepStranded } from "./sweep";

const timing = { ...DEFAULT_RECOVERY_TIMING, graceSeconds: 600 };
const at = (iso: string, seconds = 0) => new Date(Date.parse(iso) + seconds * 1000);

/** One AlertProcessor poll of everything on AlertQueue. */
async function routeQueued(): Promise<number> {
  const event = await receiveSqsEvent(queueUrl("AlertQueue"));
  const response = await routeAlerts(event, lambdaContext("AlertProcessor"));
  await deleteSucceeded(queueUrl("AlertQueue"), event, response.batchItemFailures);
  return event.Records.length;
}

/** An alert raised at `createdAt` whose AlertQueue message was then lost. */
async function strandedQueued(createdAt: string, overrides: Partial<Alert> = {}): Promise<Alert> {
  const alert = queuedAlert({ createdAt, ...overrides });
  await raiseAlert(alert, new Date(createdAt));
  expect(await loseMessages("AlertQueue")).toBe(1);
  return alert;
}

/** A CRITICAL alert raised at `createdAt` whose approval was requested and announced. */
async function announcedApproval(createdAt: string) {
  const alert = queuedAlert({ severity: "CRITICAL", createdAt });
  await putAlertIfNew(alert);
  await requestApproval(alert, new Date(createdAt));
  await published("AlertApprovalRequests");
  const [pending] = await approvalsOfAlert(alert.alertId);
  assert(pending, `requestApproval stored no approval for ${alert.alertId}`);
  return { alert, pending };
}

describe("the sweep", () => {
  it("re-drives an alert left QUEUED past the grace, once per grace, and routing finishes it", async () => {
    const created = "2025-01-01T00:00:00.000Z";
    const alert = await strandedQueued(created, { severity: "HIGH" });
    expect(await sweepStranded(at(created, 599), timing)).toMatchObject({ redriven: 0 });
    expect(await sweepStranded(at(created, 601), timing)).toMatchObject({ redriven: 1 });
    // Sweeps overlapping or repeating within the grace send nothing more.
    expect(await sweepStranded(at(created, 602), timing)).toMatchObject({ redriven: 0 });
    expect(await routeQueued()).toBe(1);
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "PUBLISHED" });
    expect((await published("TradingAlerts")).map((m) => m.message.alert.alertId)).toEqual([alert.alertId]);
    expect(await sweepStranded(at(created, 2000), timing)).toMatchObject({ redriven: 0, failed: 0 });
  });

  it("leaves a QUEUED alert alone while a router holds a live claim", async () => {
    const created = "2025-01-02T00:00:00.000Z";
    const alert = await strandedQueued(created);
    const claimedAt = at(created, 590).toISOString();
    await moveAlert(alert.alertId, "claim", { claimedAt });
    expect(await sweepStranded(at(created, 601), timing)).toMatchObject({ redriven: 0 });
    expect(await sweepStranded(at(created, 590 + timing.claimLeaseSeconds + 1), timing)).toMatchObject({
      redriven: 1,
    });
    // Routed, so a sweep told a run's start (which looks at every alert) finds it finished.
    expect(await routeQueued()).toBe(1);
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "PUBLISHED" });
    await published("TradingAlerts");
  });

  it("re-drives a CRITICAL alert claimed for approval whose request was never made", async () => {
    const created = "2025-01-03T00:00:00.000Z";
    const alert = await strandedQueued(created, { severity: "CRITICAL" });
    // The router stopped right after its claim: PENDING_APPROVAL, a token hash, no approval stored.
    await moveAlert(alert.alertId, "awaitApproval", {
      approvalTokenHash: "f".repeat(64),
      claimedAt: created,
    });
    expect(await sweepStranded(at(created, 601), timing)).toMatchObject({ redriven: 1 });
    expect(await routeQueued()).toBe(1);
    // The request never made is stored SUPERSEDED, so its router, were it only slow, could not make it now.
    const approvals = await approvalsOfAlert(alert.alertId);
    expect(approvals.map((a) => [a.tokenHash === "f".repeat(64), a.status]).sort()).toEqual([
      [false, "PENDING"],
      [true, "SUPERSEDED"],
    ]);
    const approval = approvals.find((a) => a.status === "PENDING");
    assert(approval, "the approval the sweep redrove");
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "PENDING_APPROVAL",
      approvalTokenHash: approval.tokenHash,
      notifiedAt: expect.any(String),
    });
    expect((await published("AlertApprovalRequests")).map((m) => m.message.type)).toEqual([
      "approvalRequest",
    ]);
    await loseMessages("PendingApprovals");
  });

  it("expires an approval whose PendingApprovals message was lost, once past its hour and the grace", async () => {
    const created = "2025-01-04T00:00:00.000Z";
    const { alert } = await announcedApproval(created);
    expect(await loseMessages("PendingApprovals")).toBe(1);
    const hour = 3600;
    expect(await sweepStranded(at(created, hour + 599), timing)).toMatchObject({ expired: 0 });
    expect(await sweepStranded(at(created, hour + 601), timing)).toMatchObject({ expired: 1 });
    expect(await sweepStranded(at(created, hour + 700), timing)).toMatchObject({ expired: 0 });
    expect((await approvalsOfAlert(alert.alertId))[0]).toMatchObject({ status: "EXPIRED" });
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "EXPIRED" });
    expect((await published("AlertApprovalRequests")).map((m) => m.message.type)).toEqual([
      "approvalExpired",
    ]);
  });

  it("settles an alert whose approval was decided when the decider stopped, and publishes it once", async () => {
    const created = "2025-01-05T00:00:00.000Z";
    const { alert, pending } = await announcedApproval(created);
    await loseMessages("PendingApprovals");
    // The decision was written; the process stopped before the alert moved.
    await recordDecision(pending.tokenHash, "APPROVED", "alice", undefined, at(created, 60));
    expect(await sweepStranded(at(created, 601), timing)).toMatchObject({ settled: 1 });
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "APPROVED",
      publishedAt: expect.any(String),
    });
    expect((await published("TradingAlerts")).map((m) => m.message.alert.alertId)).toEqual([alert.alertId]);
    expect(await sweepStranded(at(created, 1300), timing)).toMatchObject({ settled: 0, published: 0 });
    expect(await published("TradingAlerts")).toEqual([]);
  });

  it("settles, through the AlertProcessor, an alert approved on a link whose announcement was never marked", async () => {
    const created = "2025-01-07T00:00:00.000Z";
    const { alert, pending } = await announcedApproval(created);
    await loseMessages("PendingApprovals");
    // The holder announced the link and stopped before marking it; an approver decided on it, and the
    // decision's settle stopped too.
    await forgetNotified(alert.alertId);
    await recordDecision(pending.tokenHash, "APPROVED", "alice", undefined, at(created, 60));
    expect(await sweepStranded(at(created, 601), timing)).toMatchObject({ redriven: 1 });
    expect(await routeQueued()).toBe(1);
    // The decision stands: no token reissued, nobody asked again, the alert published once.
    expect(await approvalsOfAlert(alert.alertId)).toEqual([
      expect.objectContaining({ tokenHash: pending.tokenHash, status: "APPROVED" }),
    ]);
    expect(await published("AlertApprovalRequests")).toEqual([]);
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "APPROVED",
      approvalTokenHash: pending.tokenHash,
      publishedAt: expect.any(String),
    });
    expect((await published("TradingAlerts")).map((m) => m.message.alert.alertId)).toEqual([alert.alertId]);
    expect(await sweepStranded(at(created, 1300), timing)).toMatchObject({ redriven: 0, published: 0 });
    expect(await loseMessages("AlertQueue")).toBe(0);
  });

  it("publishes an approved alert whose publisher stopped after claiming the publication", async () => {
    const created = "2025-01-06T00:00:00.000Z";
    const { alert, pending } = await announcedApproval(created);
    await loseMessages("PendingApprovals");
    await recordDecision(pending.tokenHash, "APPROVED", "alice", undefined, at(created, 60));
    await moveAlert(alert.alertId, "approve", {}, { tokenHash: pending.tokenHash });
    await markApprovalPublished(pending.tokenHash, at(created, 61).toISOString());
    expect(await sweepStranded(at(created, 601), timing)).toMatchObject({ published: 0 });
    expect(await sweepStranded(at(created, 662), timing)).toMatchObject({ published: 1 });
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "APPROVED",
      publishedAt: expect.any(String),
    });
    expect((await getApproval(pending.tokenHash))?.publishedAt).toBeDefined();
    expect((await published("TradingAlerts")).map((m) => m.message.alert.alertId)).toEqual([alert.alertId]);
  });

  it("releases, told when this run started, the live claims of an earlier run, and leaves this run's", async () => {
    // A local system started again on its data directory: the earlier run stopped with three alerts
    // claimed seconds before (within the lease), their AlertQueue messages lost with its queues.
    const now = new Date();
    const runStartedAt = new Date(now.getTime() - 5_000).toISOString();
    const created = new Date(now.getTime() - 60_000).toISOString();
    const earlierClaim = new Date(now.getTime() - 30_000).toISOString();
    const routing = await strandedQueued(created, { severity: "HIGH" });
    await moveAlert(routing.alertId, "claim", { claimedAt: earlierClaim });
    const critical = await strandedQueued(created, { severity: "CRITICAL" });
    await moveAlert(critical.alertId, "awaitApproval", {
      approvalTokenHash: "e".repeat(64),
      claimedAt: earlierClaim,
    });
    // And one this run's AlertProcessor holds (claimed after the run started): its holder is alive.
    const held = await strandedQueued(created, { severity: "HIGH" });
    const heldAt = new Date(now.getTime() - 1_000).toISOString();
    await moveAlert(held.alertId, "claim", { claimedAt: heldAt });

    const fresh = { ...timing, graceSeconds: 0 };
    // Deployed (no run start known), every claim waits out its lease.
    expect(await sweepStranded(now, fresh)).toMatchObject({ redriven: 0 });
    expect(await sweepStranded(now, fresh, { runStartedAt })).toMatchObject({ redriven: 2, failed: 0 });
    expect(await routeQueued()).toBe(2);
    expect(await getAlert(routing.alertId)).toMatchObject({ status: "PUBLISHED" });
    expect((await published("TradingAlerts")).map((m) => m.message.alert.alertId)).toEqual([routing.alertId]);
    expect(await getAlert(critical.alertId)).toMatchObject({
      status: "PENDING_APPROVAL",
      notifiedAt: expect.any(String),
    });
    expect((await published("AlertApprovalRequests")).map((m) => m.message.type)).toEqual([
      "approvalRequest",
    ]);
    expect(await getAlert(held.alertId)).toMatchObject({ status: "QUEUED", claimedAt: heldAt });
    await loseMessages("PendingApprovals");
  });

  it("runs on the schedule beside the threshold check", async () => {
    const run = await runSchedule({}, lambdaContext("ThresholdChecker"));
    expect(run).toMatchObject({ raised: expect.any(Number), sweep: { failed: 0 } });
  });
});

describe("recovery timing", () => {
  it("reads shortened timings and refuses bad ones by name", () => {
    expect(recoveryTiming({ SWEEP_GRACE_SECONDS: "5", APPROVAL_TTL_SECONDS: "30" })).toMatchObject({
      graceSeconds: 5,
      approvalTtlSeconds: 30,
      claimLeaseSeconds: 120,
    });
    expect(() => recoveryTiming({ SWEEP_GRACE_SECONDS: "0x10" })).toThrow(/^SWEEP_GRACE_SECONDS: /);
    expect(() => recoveryTiming({ ALERT_CLAIM_LEASE_SECONDS: "-1" })).toThrow(/^ALERT_CLAIM_LEASE_SECONDS: /);
  });
});
