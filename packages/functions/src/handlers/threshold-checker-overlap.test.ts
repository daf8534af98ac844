// Two ThresholdChecker runs at once, on dynalite and fauxqs: the deployed schedule can start a run while the
// last is still running (an EventBridge delivery repeated, Lambda's retry of a failed run meeting the next
// firing), which the local schedule never does. Every effect of a run must still happen once.

import assert from "node:assert";
import type { Bar } from "@stock-patterns/core";
import { afterEach, describe, expect, it } from "vitest";
import { getAlert, moveAlert, putAlertIfNew, raiseAlert } from "#alerts";
import { approvalsOfAlert, recordDecision, requestApproval } from "#approvals";
import { loadWindow, saveWindow } from "#stream";
import { lambdaContext, published, queueUrl, receiveSqsEvent, scheduledEvent } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { handler } from "./threshold-checker";

const series = (closes: number[], volumes: number[]): Bar[] =>
  closes.map((close, i) => ({
    time: `2024-02-${String(i + 1).padStart(2, "0")}`,
    close,
    volume: volumes[i],
  }));

/** Every message now on AlertQueue, taken off it: the alert ids the AlertProcessor would route. */
async function drainAlertQueue(): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const { Records } = await receiveSqsEvent(queueUrl("AlertQueue"));
    if (Records.length === 0) return ids;
    ids.push(...Records.map((r) => (JSON.parse(r.body) as { alertId: string }).alertId));
  }
}

/** A CRITICAL alert raised `ago` seconds before now, its approval requested and announced then. */
async function announcedApproval(ago: number) {
  const createdAt = new Date(Date.now() - ago * 1000);
  const alert = queuedAlert({ severity: "CRITICAL", createdAt: createdAt.toISOString() });
  await putAlertIfNew(alert);
  await requestApproval(alert, createdAt);
  const [pending] = await approvalsOfAlert(alert.alertId);
  assert(pending, `requestApproval stored no approval for ${alert.alertId}`);
  return { alert, pending, createdAt };
}

describe("two ThresholdChecker runs at once", () => {
  afterEach(() => {
    delete process.env.THRESHOLD_PRICE_MOVE_PCT;
    delete process.env.SWEEP_GRACE_SECONDS;
  });

  it("raise each breach, re-drive each stranded alert, expire and publish each approval once", async () => {
    process.env.THRESHOLD_PRICE_MOVE_PCT = "5";
    process.env.SWEEP_GRACE_SECONDS = "5";
    // Two breaches: a price move and a volume spike.
    await saveWindow(await loadWindow("OVA", "1d"), series([100, 101, 100, 108], [10, 10, 10, 10]));
    await saveWindow(await loadWindow("OVB", "1d"), series([100, 101, 100, 101], [10, 12, 8, 40]));
    // An alert raised a minute ago whose AlertQueue message was lost.
    const stranded = queuedAlert({
      severity: "HIGH",
      createdAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await raiseAlert(stranded, new Date(stranded.createdAt));
    expect(await drainAlertQueue()).toEqual([stranded.alertId]);
    // An approval past its hour whose PendingApprovals message was lost: to be expired, approvers told.
    const overdue = await announcedApproval(2 * 3600);
    // An approval decided when the decider stopped before moving the alert: to be settled and published.
    const decided = await announcedApproval(120);
    await recordDecision(decided.pending.tokenHash, "APPROVED", "alice", undefined, new Date());
    // An alert approved and moved whose publisher stopped before claiming the publication: to be published.
    const unpublished = await announcedApproval(180);
    await recordDecision(unpublished.pending.tokenHash, "APPROVED", "alice", undefined, new Date());
    await moveAlert(unpublished.alert.alertId, "approve", {}, { tokenHash: unpublished.pending.tokenHash });
    await published("AlertApprovalRequests");

    const runs = await Promise.all([
      handler(scheduledEvent(), lambdaContext("ThresholdChecker")),
      handler(scheduledEvent(), lambdaContext("ThresholdChecker")),
    ]);

    const total = (pick: (run: (typeof runs)[number]) => number) => runs.reduce((n, run) => n + pick(run), 0);
    expect(runs.map((run) => run.sweep.failed)).toEqual([0, 0]);
    expect(total((run) => run.raised)).toBe(2);
    expect(total((run) => run.sweep.redriven)).toBe(1);
    expect(total((run) => run.sweep.expired)).toBe(1);
    // What reaches AlertQueue: each breach's alert and the stranded one, each once.
    const queued = await drainAlertQueue();
    expect(queued).toHaveLength(3);
    expect(new Set(queued).size).toBe(3);
    expect(queued).toContain(stranded.alertId);
    // Approvers are told of the expiry once; subscribers get the approved alert once.
    expect(
      (await published("AlertApprovalRequests")).map((m) => [m.message.type, m.message.alertId]),
    ).toEqual([["approvalExpired", overdue.alert.alertId]]);
    expect((await published("TradingAlerts")).map((m) => m.message.alert.alertId).sort()).toEqual(
      [decided.alert.alertId, unpublished.alert.alertId].sort(),
    );
    expect(await getAlert(overdue.alert.alertId)).toMatchObject({ status: "EXPIRED" });
    expect(await getAlert(decided.alert.alertId)).toMatchObject({ status: "APPROVED" });
    expect(total((run) => run.sweep.settled)).toBe(1);
    expect(total((run) => run.sweep.published)).toBe(1);
  });
});
