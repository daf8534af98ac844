// The SQS event source against the SQS emulator: partial batch failures and redrive to the DLQ.

import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { QUEUES } from "@stock-patterns/core/catalog";
import {
  createMessaging,
  type Emulator,
  type MessagingResources,
  type QueueResource,
  queueAttributes,
  snsClient,
  sqsClient,
  startMessaging,
} from "@stock-patterns/emulators";
import type { SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PollerReport } from "./poller";
import { startSqsPoller } from "./sqs-poller";

let messaging: Emulator;
let sqs: SQSClient;
let resources: MessagingResources;

beforeAll(async () => {
  messaging = await startMessaging();
  sqs = sqsClient(messaging.endpoint);
  const sns = snsClient(messaging.endpoint);
  resources = await createMessaging(sqs, sns);
  sns.destroy();
});

afterAll(async () => {
  sqs.destroy();
  await messaging.stop();
});

/**
 * A copy of a catalog queue (same redrive policy and DLQ) whose visibility timeout is 1 s instead of
 * minutes, so redelivery happens within the test.
 */
async function quickCopy(name: "AlertQueue" | "PendingApprovals"): Promise<QueueResource> {
  const original = resources.queues[name];
  const copyName = `${name}Quick`;
  const attributes = queueAttributes(
    { ...QUEUES[name], visibilityTimeoutSeconds: 1 },
    original.deadLetter.arn,
  );
  const { QueueUrl: url = "" } = await sqs.send(
    new CreateQueueCommand({ QueueName: copyName, Attributes: attributes }),
  );
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }),
  );
  return { name: copyName, url, arn: Attributes?.QueueArn ?? "", deadLetter: original.deadLetter };
}

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe("SQS event source", () => {
  it("deletes the messages that succeeded, redelivers the failed one and dead-letters it after maxReceiveCount", async () => {
    const queue = await quickCopy("AlertQueue");
    const bodies = ["HIGH SPX", "poison", "MEDIUM NDX"];
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: bodies.map((body, index) => ({ Id: String(index), MessageBody: body })),
      }),
    );
    const handled: string[] = [];
    const receiveCounts: string[] = [];
    const reports: PollerReport[] = [];
    const poller = startSqsPoller({
      client: sqs,
      queue,
      functionName: "AlertProcessor",
      batchSize: 10,
      maxReceiveCount: QUEUES.AlertQueue.maxReceiveCount,
      waitSeconds: 1,
      report: (report) => reports.push(report),
      handler: async (event) => {
        const { Records } = event as SQSEvent;
        expect(Records.every((r) => r.eventSource === "aws:sqs" && r.eventSourceARN === queue.arn)).toBe(
          true,
        );
        const failures = [];
        for (const record of Records) {
          if (record.body === "poison") {
            receiveCounts.push(record.attributes.ApproximateReceiveCount);
            failures.push({ itemIdentifier: record.messageId });
          } else {
            handled.push(record.body);
          }
        }
        return { batchItemFailures: failures };
      },
    });
    const deadLetters: string[] = [];
    await until(async () => {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queue.deadLetter.url, MaxNumberOfMessages: 10 }),
      );
      deadLetters.push(...Messages.map((m) => m.Body ?? ""));
      return deadLetters.length > 0;
    });
    await poller.stop();
    expect(handled.sort()).toEqual(["HIGH SPX", "MEDIUM NDX"]);
    expect(receiveCounts).toEqual(["1", "2", "3"]);
    expect(deadLetters).toEqual(["poison"]);
    expect(reports.map((r) => r.message)).toEqual([expect.stringContaining("move to AlertQueueDLQ")]);
    expect(reports[0]?.items).toEqual(["poison"]);
  });

  it("redelivers a whole batch when the function throws", async () => {
    const queue = await quickCopy("PendingApprovals");
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: [
          { Id: "a", MessageBody: "approval 1" },
          { Id: "b", MessageBody: "approval 2" },
        ],
      }),
    );
    let calls = 0;
    const delivered: string[] = [];
    const poller = startSqsPoller({
      client: sqs,
      queue,
      functionName: "ApprovalProcessor",
      batchSize: 10,
      maxReceiveCount: QUEUES.PendingApprovals.maxReceiveCount,
      waitSeconds: 1,
      report: () => {},
      handler: async (event) => {
        calls += 1;
        if (calls === 1) throw new Error("DynamoDB unavailable");
        delivered.push(...(event as SQSEvent).Records.map((r) => r.body));
      },
    });
    await until(() => delivered.length === 2);
    await poller.stop();
    expect(delivered.sort()).toEqual(["approval 1", "approval 2"]);
  });

  it("fails a batch whose invocation runs past the function's timeout, and redelivers it", async () => {
    const queue = await quickCopy("AlertQueue");
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: [{ Id: "a", MessageBody: "CRITICAL SPX" }],
      }),
    );
    let calls = 0;
    const delivered: string[] = [];
    const reports: PollerReport[] = [];
    const poller = startSqsPoller({
      client: sqs,
      queue,
      functionName: "AlertProcessor",
      timeoutSeconds: 0.3,
      batchSize: 10,
      maxReceiveCount: QUEUES.AlertQueue.maxReceiveCount,
      waitSeconds: 1,
      report: (report) => reports.push(report),
      handler: async (event) => {
        calls += 1;
        if (calls === 1) return new Promise<never>(() => {});
        delivered.push(...(event as SQSEvent).Records.map((r) => r.body));
      },
    });
    await until(() => delivered.length === 1);
    await poller.stop();
    expect(delivered).toEqual(["CRITICAL SPX"]);
    expect(reports.map((r) => r.message)).toEqual([
      expect.stringMatching(/the batch of 1 failed: .*Task timed out after 0\.30 seconds/),
    ]);
  });
});
