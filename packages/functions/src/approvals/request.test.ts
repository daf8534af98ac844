// requestApproval on dynalite and fauxqs: a stale request whose announcement was never marked is reissued
// only while its approval is undecided; a decision an approver made on the old link wins; a holder that
// wakes after its request was reissued announces nothing.

import assert from "node:assert";
import { setTimeout } from "node:timers/promises";
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { sha256Hex } from "@stock-patterns/core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getAlert, putAlertIfNew, routeAlerts } from "#alerts";
import { dynamo } from "#aws";
import { deleteSucceeded, forgetNotified, published, queueUrl, receiveSqsEvent } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { call } from "#test/http";
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

/** Takes what an earlier test left on the topics and the queue, so a test sees only its own. */
async function clearMessages(): Promise<void> {
  await Promise.all([
    published("AlertApprovalRequests"),
    published("TradingAlerts"),
    drainPendingApprovals(),
  ]);
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
  beforeEach(clearMessages);

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

/** A point where a delivery stops until the test opens it: `pass` waits there, `arrived` says one did. */
function gate() {
  let reached: () => void = () => {};
  let open: () => void = () => {};
  const arrived = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const pass = () => {
    reached();
    return opened;
  };
  return { arrived, open, pass };
}

/** Runs `before` ahead of every DynamoDB call from now on (it may wait, or throw: a stop); undo with mockRestore. */
function intercept(before: (command: object) => Promise<void>) {
  const client = dynamo();
  const send = client.send.bind(client) as (command: object) => Promise<unknown>;
  return vi.spyOn(client, "send").mockImplementation(async (command: object) => {
    await before(command);
    return send(command);
  });
}

/** A put of an approval in `status`: a request (PENDING) or a reissue's tombstone (SUPERSEDED). */
const putsApproval = (command: object, status: string) =>
  command instanceof PutCommand && command.input.Item?.status === status;

/** The `notifiedAt` mark of a request announced. */
const marksNotified = (command: object) =>
  command instanceof UpdateCommand && command.input.ExpressionAttributeNames?.["#field"] === "notifiedAt";

describe("requestApproval by a holder that stalled past its claim before storing its request", () => {
  beforeEach(clearMessages);

  it("announces only the reissued request; the stalled one is SUPERSEDED and the alert settles through the live link", async () => {
    const alert = queuedAlert({ severity: "CRITICAL" });
    await putAlertIfNew(alert);
    const hold = gate();
    let held = false;
    const spy = intercept(async (command) => {
      if (held || !putsApproval(command, "PENDING")) return;
      held = true;
      await hold.pass();
    });
    // Delivery 1 claims the alert ten minutes ago (its claim is stale now) and stalls before createApproval.
    const first = routeAlerts([alert], new Date(Date.now() - 10 * MINUTE));
    await hold.arrived;
    const claimed = await getAlert(alert.alertId);
    expect(claimed).toMatchObject({ status: "PENDING_APPROVAL" });
    const stale = claimed?.approvalTokenHash;
    assert(stale, "delivery 1's claim carries its token hash");

    // Delivery 2 finds the claim stale and no approval stored for it: it reissues.
    expect(await requestApproval(alert)).toBe("requested");
    const reissued = await getAlert(alert.alertId);
    expect(reissued?.approvalTokenHash).not.toBe(stale);

    // Delivery 1 wakes: its request is refused, and its message is done (not failed, not retried).
    hold.open();
    const [routed] = await first;
    spy.mockRestore();
    expect(routed).toEqual({ status: "fulfilled", value: "superseded" });

    const requests = await published("AlertApprovalRequests");
    expect(requests).toHaveLength(1);
    const token = new URL(requests[0]?.message.approveUrl ?? "").searchParams.get("token") ?? "";
    expect(sha256Hex(token)).toBe(reissued?.approvalTokenHash);
    expect(await drainPendingApprovals()).toBe(1);
    expect(await getApproval(stale)).toMatchObject({ status: "SUPERSEDED", alertId: alert.alertId });
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "PENDING_APPROVAL",
      approvalTokenHash: reissued?.approvalTokenHash,
      notifiedAt: expect.any(String),
    });
    // The console lists only the live request.
    const list = await call("/approvals", { key: "approver" });
    const listed = list.json.items.filter((a: { alertId: string }) => a.alertId === alert.alertId);
    expect(listed.map((a: { id: string }) => a.id)).toEqual([reissued?.approvalTokenHash]);

    // A decision on the stalled request's id is answered as a replaced link and moves nothing.
    const late = await call(`/approvals/${stale}/decision`, {
      key: "approver",
      body: { decision: "approve" },
    });
    expect(late.status).toBe(410);
    expect(late.json.detail).toContain("replaced");
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "PENDING_APPROVAL" });
    expect(await published("TradingAlerts")).toEqual([]);

    // The live link settles the alert.
    const decided = await call(`/approve/${token}`, { key: "approver", body: { decision: "approve" } });
    expect(decided.status).toBe(200);
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "APPROVED",
      publishedAt: expect.any(String),
    });
    expect((await published("TradingAlerts")).map((m) => m.message.alert.alertId)).toEqual([alert.alertId]);
  });

  it("closes a request its holder stored between the reissue's read and its tombstone, and reissues", async () => {
    const alert = queuedAlert({ severity: "CRITICAL" });
    await putAlertIfNew(alert);
    const holder = gate();
    const reissue = gate();
    let held = false;
    const spy = intercept(async (command) => {
      if (!held && putsApproval(command, "PENDING")) {
        held = true;
        await holder.pass();
      }
      if (putsApproval(command, "SUPERSEDED")) await reissue.pass();
    });
    const first = requestApproval(alert, new Date(Date.now() - 10 * MINUTE));
    await holder.arrived;
    const stale = (await getAlert(alert.alertId))?.approvalTokenHash;
    assert(stale, "delivery 1's claim carries its token hash");
    // Delivery 2 found no request stored and is about to store its tombstone...
    const second = requestApproval(alert);
    await reissue.arrived;
    // ...when delivery 1 stores and announces its request.
    holder.open();
    expect(await first).toBe("requested");
    reissue.open();
    expect(await second).toBe("requested");
    spy.mockRestore();

    // Its tombstone refused, delivery 2 closed the holder's request before the alert took the new token.
    expect(await getApproval(stale)).toMatchObject({ status: "SUPERSEDED" });
    const live = (await getAlert(alert.alertId))?.approvalTokenHash;
    expect(live).not.toBe(stale);
    expect(await getApproval(live ?? "")).toMatchObject({ status: "PENDING" });
    // Both were announced (the holder's before it was closed); the old one is a replaced link.
    expect(await published("AlertApprovalRequests")).toHaveLength(2);
    const late = await call(`/approvals/${stale}/decision`, {
      key: "approver",
      body: { decision: "approve" },
    });
    expect(late.status).toBe(410);
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "PENDING_APPROVAL",
      approvalTokenHash: live,
    });
    expect(await published("TradingAlerts")).toEqual([]);
  });

  it("does not let a holder that wakes after a reissue mark the reissued request announced", async () => {
    const alert = queuedAlert({ severity: "CRITICAL" });
    await putAlertIfNew(alert);
    const hold = gate();
    let held = false;
    let stopNextRequest = false;
    const spy = intercept(async (command) => {
      if (!held && marksNotified(command)) {
        held = true;
        await hold.pass();
      }
      if (stopNextRequest && putsApproval(command, "PENDING")) {
        stopNextRequest = false;
        throw new Error("delivery 2 stopped");
      }
    });
    // Delivery 1 announces its request and stalls before marking it announced, past its claim.
    const first = requestApproval(alert, new Date(Date.now() - 10 * MINUTE));
    await hold.arrived;
    expect(await published("AlertApprovalRequests")).toHaveLength(1);
    // Delivery 2 reissues and stops after moving the alert to its token, before storing its request.
    stopNextRequest = true;
    await expect(requestApproval(alert)).rejects.toThrow("delivery 2 stopped");
    const moved = await getAlert(alert.alertId);
    hold.open();
    expect(await first).toBe("requested");
    spy.mockRestore();

    // The alert is still unannounced under its new token, so it is re-driven once the claim is stale.
    expect(await getAlert(alert.alertId)).not.toHaveProperty("notifiedAt");
    expect(await requestApproval(alert, new Date(Date.now() + 10 * MINUTE))).toBe("requested");
    expect(await getApproval(moved?.approvalTokenHash ?? "")).toMatchObject({ status: "SUPERSEDED" });
    const stored = await getAlert(alert.alertId);
    expect(stored).toMatchObject({ status: "PENDING_APPROVAL", notifiedAt: expect.any(String) });
    const [request] = await published("AlertApprovalRequests");
    const token = new URL(request?.message.approveUrl ?? "").searchParams.get("token") ?? "";
    expect(sha256Hex(token)).toBe(stored?.approvalTokenHash);
    expect(await drainPendingApprovals()).toBe(2);
  });
});
