// ApprovalProcessor on PendingApprovals (fauxqs): approvals not yet due wait (hidden until expiry),
// expired undecided ones become EXPIRED with a notice, decided ones are let go.

import assert from "node:assert";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { getAlert, raiseAlert } from "#alerts";
import { approvalsOfAlert, recordDecision, requestApproval } from "#approvals";
import { deleteSucceeded, lambdaContext, published, queueUrl, receiveSqsEvent, testSqs } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { handler } from "./approval-processor";

const url = () => queueUrl("PendingApprovals");

async function poll() {
  const event = await receiveSqsEvent(url());
  const response = await handler(event, lambdaContext("ApprovalProcessor"));
  await deleteSucceeded(url(), event, response.batchItemFailures);
  return { event, response };
}

async function approvalFor(createdAt: Date) {
  const alert = queuedAlert({ severity: "CRITICAL" });
  await raiseAlert(alert);
  await requestApproval(alert, createdAt);
  await published("AlertApprovalRequests");
  const [approval] = await approvalsOfAlert(alert.alertId);
  assert(approval, `requestApproval stored no approval for ${alert.alertId}`);
  return { alert, approval };
}

describe("ApprovalProcessor", () => {
  it("marks an approval that expired undecided as EXPIRED, tells approvers, and lets the message go", async () => {
    const { alert, approval } = await approvalFor(new Date(Date.now() - 2 * 3600_000));
    const { event, response } = await poll();
    expect(event.Records).toHaveLength(1);
    expect(response.batchItemFailures).toEqual([]);
    expect((await approvalsOfAlert(alert.alertId))[0]).toMatchObject({ status: "EXPIRED" });
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "EXPIRED" });
    const notices = await published("AlertApprovalRequests");
    expect(notices.map((n) => n.message)).toEqual([
      expect.objectContaining({
        type: "approvalExpired",
        alertId: alert.alertId,
        expiresAt: approval.expiresAt,
      }),
    ]);
    expect((await receiveSqsEvent(url())).Records).toHaveLength(0);
  });

  it("keeps a pending approval that is not due yet, hidden until it can expire", async () => {
    const { alert } = await approvalFor(new Date());
    const { event, response } = await poll();
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([event.Records[0]?.messageId]);
    // Still queued but invisible (its visibility now runs to the expiry), and still PENDING.
    expect((await receiveSqsEvent(url())).Records).toHaveLength(0);
    expect((await approvalsOfAlert(alert.alertId))[0]?.status).toBe("PENDING");
    expect(await published("AlertApprovalRequests")).toEqual([]);
  });

  it("lets a decided approval go without notice, and sets malformed messages aside as failures", async () => {
    const { approval } = await approvalFor(new Date(Date.now() - 30 * 60_000));
    await recordDecision(approval.tokenHash, "APPROVED", "alice", undefined, new Date());
    const sqs = testSqs();
    await sqs.send(
      new SendMessageCommand({ QueueUrl: url(), MessageBody: JSON.stringify({ tokenHash: "nope" }) }),
    );
    const { event, response } = await poll();
    const malformed = event.Records.find((r) => r.body.includes('"nope"'))?.messageId;
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([malformed]);
    expect(await published("AlertApprovalRequests")).toEqual([]);
    sqs.destroy();
  });
});
