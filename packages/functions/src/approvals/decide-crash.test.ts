// An approver's decision stopped dead (SIGKILL: a Lambda timeout, the local runtime or the whole system
// killed) on dynalite and fauxqs: the Api, in a process of its own, is killed at each step between the
// decision's write and the approved alert on TradingAlerts. Nothing retries the approver's request; the
// sweep (the schedule's after the grace, or a local system's at its start) finishes it: the alert published
// once, twice only when the kill fell between its message and the write that marks it sent.

import assert from "node:assert";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Alert, getAlert, raiseAlert } from "#alerts";
import { DEFAULT_RECOVERY_TIMING } from "#config";
import { sweepHandler } from "#handlers/threshold-checker";
import { sweepStranded } from "#recovery";
import { routeQueuedAlerts } from "#test/alert-queue";
import { restEvent } from "#test/api-gateway";
import { lambdaContext, published } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { TEST_KEYS } from "#test/keys";
import { type KillPoint, killedAtCall } from "#test/killed-at-call";
import type { Approval } from "./approval";
import { approvalsOfAlert, getApproval } from "./repository";

const API = fileURLToPath(new URL("../api/lambda.ts", import.meta.url));
const timing = { ...DEFAULT_RECOVERY_TIMING, graceSeconds: 600 };

/** A CRITICAL alert raised a minute ago, routed: its approval requested and announced. */
async function awaitingApproval(): Promise<{ alert: Alert; approval: Approval }> {
  const alert = queuedAlert({ severity: "CRITICAL", createdAt: new Date(Date.now() - 60_000).toISOString() });
  await raiseAlert(alert, new Date(alert.createdAt));
  await routeQueuedAlerts();
  await published("AlertApprovalRequests");
  const [approval] = await approvalsOfAlert(alert.alertId);
  assert(approval, `no approval requested for ${alert.alertId}`);
  return { alert, approval };
}

/** POST /approvals/{id}/decision, as an approver deciding from the list. */
const decisionEvent = (tokenHash: string, decision: "approve" | "reject") =>
  restEvent(
    "POST",
    `/approvals/${tokenHash}/decision`,
    { "X-API-Key": TEST_KEYS.approver, "Content-Type": "application/json" },
    undefined,
    { decision },
  );

/** Killed once the DynamoDB write whose request carries `marker` is made. */
const written = (marker: string): KillPoint => ({
  call: (operation, body) => operation === "DYNAMODB.UpdateItem" && body.includes(marker),
  when: "after",
});
/** Killed at the approved alert's message to TradingAlerts, before SNS has it or once it has. */
const atItsMessage = (when: KillPoint["when"]): KillPoint => ({
  call: (operation) => operation === "SNS.Publish",
  when,
});

/** The sweeps that find what the kill left: the schedule's, a grace on, or a local system's first. */
const SWEEPS = {
  "the schedule's sweep after the grace": () => sweepStranded(new Date(Date.now() + 601_000), timing),
  "a local system's first sweep": () =>
    sweepHandler({ runStartedAt: new Date().toISOString() }, lambdaContext("ThresholdChecker")),
};

/** How often TradingAlerts carried the alert since the last look. */
async function toldOnTradingAlerts(alertId: string): Promise<number> {
  return (await published("TradingAlerts")).filter(({ message }) => message.alert?.alertId === alertId)
    .length;
}

describe.each(Object.entries(SWEEPS))("an approval whose Api stopped dead, then %s", (_, sweep) => {
  // What each kill leaves: the alert's status, whether the publication was claimed on the approval, and
  // whether its message went out already.
  it.each<[string, KillPoint, Alert["status"], boolean, number]>([
    ["the decision written", written("decidedBy"), "PENDING_APPROVAL", false, 0],
    ["the alert moved to APPROVED", written('"approvalTokenHash"'), "APPROVED", false, 0],
    ["its publication claimed", written("attribute_not_exists(publishedAt)"), "APPROVED", true, 0],
    ["before its message", atItsMessage("before"), "APPROVED", true, 0],
    // The window docs/reliability.md names: the message went, the write marking it did not. Told again.
    ["after its message", atItsMessage("after"), "APPROVED", true, 1],
  ])(
    "approved, killed %s: published once by the sweep, then nothing more",
    async (_, at, status, claimed, out) => {
      const { alert, approval } = await awaitingApproval();
      const run = await killedAtCall(API, decisionEvent(approval.tokenHash, "approve"), at);
      expect(run.killed).toBe(true);
      const stopped = await getAlert(alert.alertId);
      expect(stopped?.status).toBe(status);
      expect(stopped?.publishedAt).toBeUndefined();
      const left = await getApproval(approval.tokenHash);
      expect(left).toMatchObject({ status: "APPROVED" });
      expect(left?.publishedAt !== undefined).toBe(claimed);
      expect(await toldOnTradingAlerts(alert.alertId)).toBe(out);

      expect(await sweep()).toMatchObject({ failed: 0 });
      expect(await getAlert(alert.alertId)).toMatchObject({
        status: "APPROVED",
        publishedAt: expect.any(String),
      });
      expect(await toldOnTradingAlerts(alert.alertId)).toBe(1);
      expect(await sweepStranded(new Date(Date.now() + 1300_000), timing)).toMatchObject({
        settled: 0,
        published: 0,
        failed: 0,
      });
      expect(await toldOnTradingAlerts(alert.alertId)).toBe(0);
    },
  );

  it("rejected, killed with the decision written: the alert REJECTED, nothing published", async () => {
    const { alert, approval } = await awaitingApproval();
    const run = await killedAtCall(API, decisionEvent(approval.tokenHash, "reject"), written("decidedBy"));
    expect(run.killed).toBe(true);
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "PENDING_APPROVAL" });

    expect(await sweep()).toMatchObject({ settled: 1, failed: 0 });
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "REJECTED" });
    expect(await toldOnTradingAlerts(alert.alertId)).toBe(0);
  });
});
