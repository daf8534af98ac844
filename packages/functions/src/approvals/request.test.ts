// requestApproval on dynalite and fauxqs: a stale request whose announcement was never marked is reissued
// only while its approval is undecided; a decision an approver made on the old link wins.

import assert from "node:assert";
import { setTimeout } from "node:timers/promises";
import { beforeEach, describe, expect, it } from "vitest";
import { getAlert, putAlertIfNew } from "#alerts";
import { deleteSucceeded, forgetNotified, published, queueUrl, receiveSqsEvent } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { decideApproval } from "./decide";
import { approvalsOfAlert, getApproval, recordDecision } from "./repository";
import { requestApproval } from "./request";

const MINUTE = 60_000;

/** Takes every PendingApprovals message off the queue, so a test sees only the ones sent after. */
async function drainPendingApprovals(): Promise<number> {
  let drained = 0;
  for (;;) {
    const event = await receiveSqsEvent(queueUrl("PendingApprovals"));
    if (event.Records.length === 0) return drained;
    drained += event.Records.length;
    await deleteSucceeded(queueUrl("PendingApprovals"), event, []);
  }
}

/**
 * A CRITICAL alert whose approval was requested and announced ten minutes ago (its claim long stale) by a
 * holder that stopped before the `notifiedAt` mark was stored: the approvers have the link.
 */
async function announcedButUnmarked() {
  const alert = queuedAlert({ severity: "CRITICAL" });
  await putAlertIfNew(alert);
  await requestApproval(alert, new Date(Date.now() - 10 * MINUTE));
  await forgetNotified(alert.alertId);
  expect(await published("AlertApprovalRequests")).toHaveLength(1);
  expect(await drainPendingApprovals()).toBe(1);
  const [old] = await approvalsOfAlert(alert.alertId);
  assert(old, `requestApproval stored no approval for ${alert.alertId}`);
  const stored = await getAlert(alert.alertId);
  expect(stored).toMatchObject({ status: "PENDING_APPROVAL", approvalTokenHash: old.tokenHash });
  expect(stored).not.toHaveProperty("notifiedAt");
  return { alert, old };
}

describe("requestApproval after a holder stopped before marking its request announced", () => {
  // What an earlier test left on the topics and the queue is not this test's.
  beforeEach(async () => {
    await Promise.all([
      published("AlertApprovalRequests"),
      published("TradingAlerts"),
      drainPendingApprovals(),
    ]);
  });

  it("keeps an approval decided on the old link: the alert is APPROVED and published once, nobody asked again", async () => {
    const { alert, old } = await announcedButUnmarked();
    // The decision route's write; its settle of the alert has not happened (in flight, or it crashed).
    expect(await recordDecision(old.tokenHash, "APPROVED", "alice", undefined, new Date())).toBeDefined();

    expect(await requestApproval(alert)).toBe("alreadyDecided");

    expect(await approvalsOfAlert(alert.alertId)).toEqual([
      expect.objectContaining({ tokenHash: old.tokenHash, status: "APPROVED", decidedBy: "alice" }),
    ]);
    expect(await published("AlertApprovalRequests")).toEqual([]);
    expect(await drainPendingApprovals()).toBe(0);
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "APPROVED",
      approvalTokenHash: old.tokenHash,
      publishedAt: expect.any(String),
    });
    const alerts = await published("TradingAlerts");
    expect(alerts.map((m) => [m.message.alert.alertId, m.message.approvedBy])).toEqual([
      [alert.alertId, "alice"],
    ]);
    // The decision route's settle, arriving late, and another delivery change nothing.
    expect(await decideApproval(old.tokenHash, "approve", "alice", undefined)).toMatchObject({
      kind: "repeated",
    });
    expect(await requestApproval(alert)).toBe("alreadyClosed");
    expect(await published("TradingAlerts")).toEqual([]);
  });

  it("keeps an approval rejected on the old link: the alert is REJECTED, nothing published", async () => {
    const { alert, old } = await announcedButUnmarked();
    expect(await recordDecision(old.tokenHash, "REJECTED", "alice", "no", new Date())).toBeDefined();

    expect(await requestApproval(alert)).toBe("alreadyDecided");

    expect(await approvalsOfAlert(alert.alertId)).toEqual([
      expect.objectContaining({ tokenHash: old.tokenHash, status: "REJECTED" }),
    ]);
    expect(await published("AlertApprovalRequests")).toEqual([]);
    expect(await drainPendingApprovals()).toBe(0);
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "REJECTED",
      approvalTokenHash: old.tokenHash,
    });
    expect(await published("TradingAlerts")).toEqual([]);
  });

  it("reissues an undecided one; a decision on the old link then comes too late and moves nothing", async () => {
    const { alert, old } = await announcedButUnmarked();

    expect(await requestApproval(alert)).toBe("requested");

    const approvals = await approvalsOfAlert(alert.alertId);
    const live = approvals.find((a) => a.status === "PENDING");
    assert(live, "the reissued approval");
    expect(approvals.map((a) => a.status).sort()).toEqual(["PENDING", "SUPERSEDED"]);
    expect(await getApproval(old.tokenHash)).toMatchObject({ status: "SUPERSEDED" });
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "PENDING_APPROVAL",
      approvalTokenHash: live.tokenHash,
      notifiedAt: expect.any(String),
    });
    expect(await published("AlertApprovalRequests")).toHaveLength(1);
    expect(await drainPendingApprovals()).toBe(1);
    expect(await decideApproval(old.tokenHash, "approve", "alice", undefined)).toMatchObject({
      kind: "expired",
    });
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "PENDING_APPROVAL" });
    expect(await published("TradingAlerts")).toEqual([]);
  });

  it("lets the first of a decision on the old link and a concurrent reissue win, never both", async () => {
    for (let round = 0; round < 8; round++) {
      const { alert, old } = await announcedButUnmarked();
      // One of the two starts a little later, by turns, so either write may come first.
      const late = round % 2 === 0 ? "redelivery" : "decision";
      const [requested, decided] = await Promise.all([
        setTimeout(late === "redelivery" ? round : 0).then(() => requestApproval(alert)),
        setTimeout(late === "decision" ? round : 0).then(() =>
          decideApproval(old.tokenHash, "approve", "alice", undefined),
        ),
      ]);
      const approvals = await approvalsOfAlert(alert.alertId);
      const stored = await getAlert(alert.alertId);
      if (decided.kind === "decided") {
        // Settled by the redelivery, or by the decision itself before the redelivery read the alert.
        expect(["alreadyDecided", "alreadyClosed"]).toContain(requested);
        expect(approvals).toHaveLength(1);
        expect(stored).toMatchObject({ status: "APPROVED", approvalTokenHash: old.tokenHash });
        expect(await published("AlertApprovalRequests")).toEqual([]);
        expect(await published("TradingAlerts")).toHaveLength(1);
      } else {
        expect([requested, decided.kind]).toEqual(["requested", "expired"]);
        expect(approvals.map((a) => a.status).sort()).toEqual(["PENDING", "SUPERSEDED"]);
        expect(stored?.status).toBe("PENDING_APPROVAL");
        expect(stored?.approvalTokenHash).not.toBe(old.tokenHash);
        expect(await published("AlertApprovalRequests")).toHaveLength(1);
        expect(await published("TradingAlerts")).toEqual([]);
      }
      await drainPendingApprovals();
    }
  });
});
