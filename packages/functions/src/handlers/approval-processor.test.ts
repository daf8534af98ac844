// ApprovalProcessor on PendingApprovals (fauxqs): approvals not yet due wait (hidden until expiry),
// expired undecided ones become EXPIRED with a notice, decided ones are let go; a deferred one still gets
// three tries at its expiry before the DLQ.

import assert from "node:assert";
import { PublishCommand } from "@aws-sdk/client-sns";
import {
  ChangeMessageVisibilityCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { APPROVAL_TTL_SECONDS, deadLetterQueueName } from "@stock-patterns/core/catalog";
import type { SQSEvent } from "aws-lambda";
import { describe, expect, it, vi } from "vitest";
import { getAlert, raiseAlert } from "#alerts";
import { approvalsOfAlert, recordDecision, requestApproval } from "#approvals";
import { sns } from "#aws";
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

  // SQS counts every receive towards maxReceiveCount, the one that only defers a message not yet due as well
  // (ApproximateReceiveCount: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html).
  it("retries a due approval whose expiry failed twice a third time, as AlertQueue would, rather than dead-lettering it", async () => {
    const sqs = testSqs();
    // Due two seconds from now, so the first receive finds it waiting and defers it to its expiry.
    const { alert } = await approvalFor(new Date(Date.now() - (APPROVAL_TTL_SECONDS - 2) * 1000));
    const ours = (event: SQSEvent) =>
      event.Records.filter((r) => JSON.parse(r.body).alertId === alert.alertId);
    const deferred = await poll();
    expect(ours(deferred.event).map((r) => r.attributes.ApproximateReceiveCount)).toEqual(["1"]);
    expect(deferred.response.batchItemFailures).toHaveLength(1);

    /** The next receive of the message, once visible, through the handler (deleted if it succeeded). */
    async function attempt() {
      for (;;) {
        const event = await receiveSqsEvent(url());
        if (event.Records.length > 0) {
          const response = await handler(event, lambdaContext("ApprovalProcessor"));
          await deleteSucceeded(url(), event, response.batchItemFailures);
          return { event, response };
        }
        // Received nothing: not visible yet, or moved to the DLQ on this receive.
        if ((await deadLetters(sqs)) > 0) return undefined;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    // SNS refuses the expiry notice twice: the approval stays PENDING and the message failed, each time
    // shown again at once here instead of after the queue's 2 h visibility timeout.
    const send = vi.spyOn(sns(), "send").mockImplementation(async (command: object) => {
      if (command instanceof PublishCommand) throw new Error("SNS unavailable");
      throw new Error(`unexpected ${command.constructor.name}`);
    });
    const counts: string[] = [];
    for (let failure = 0; failure < 2; failure++) {
      const tried = await attempt();
      assert(tried, "a due approval comes back for its expiry");
      const [record] = ours(tried.event);
      assert(record, "the approval's message");
      counts.push(record.attributes.ApproximateReceiveCount);
      expect(tried.response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url(),
          ReceiptHandle: record.receiptHandle,
          VisibilityTimeout: 0,
        }),
      );
    }
    send.mockRestore();
    expect(counts).toEqual(["2", "3"]);
    expect((await approvalsOfAlert(alert.alertId))[0]?.status).toBe("PENDING");

    const third = await attempt();
    expect(third && ours(third.event).map((r) => r.attributes.ApproximateReceiveCount)).toEqual(["4"]);
    expect(third?.response.batchItemFailures).toEqual([]);
    expect((await approvalsOfAlert(alert.alertId))[0]?.status).toBe("EXPIRED");
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "EXPIRED" });
    expect((await published("AlertApprovalRequests")).map((n) => n.message.type)).toEqual([
      "approvalExpired",
    ]);
    expect(await deadLetters(sqs)).toBe(0);
    sqs.destroy();
  });
});

/** How many messages wait on PendingApprovals' dead-letter queue (received and left visible again). */
async function deadLetters(sqs: ReturnType<typeof testSqs>): Promise<number> {
  const { QueueUrl } = await sqs.send(
    new GetQueueUrlCommand({ QueueName: deadLetterQueueName("PendingApprovals") }),
  );
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
  );
  return Messages.length;
}
