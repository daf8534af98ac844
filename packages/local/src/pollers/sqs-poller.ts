// The SQS event-source mapping: receives batches, invokes the function, deletes only what succeeded.

import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { QueueResource } from "@stock-patterns/emulators";
import { invokeFunction, type LambdaHandler } from "@stock-patterns/emulators";
import { batchOutcome } from "./batch-response";
import type { Poller, PollerReport } from "./poller";
import { sleep } from "./sleep";
import { sqsEventRecord } from "./sqs-event";

/** Settings of the mapping; the batch size and receive limit come from the catalog. */
export interface SqsPollerOptions {
  client: SQSClient;
  queue: QueueResource;
  functionName: string;
  handler: LambdaHandler;
  /** Seconds an invocation may run; the catalog's timeout of `functionName` when unset (tests shorten it). */
  timeoutSeconds?: number;
  batchSize: number;
  /** The queue's redrive maxReceiveCount: after this many receives a failing message goes to the DLQ. */
  maxReceiveCount: number;
  /** Long-poll wait of each ReceiveMessage, in seconds (Lambda uses 20). */
  waitSeconds: number;
  report(report: PollerReport): void;
}

async function settle(options: SqsPollerOptions, messages: Message[], failed: Set<string>): Promise<void> {
  const entries = (list: Message[]) =>
    list.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle ?? "" }));
  const succeeded = messages.filter((message) => !failed.has(message.MessageId ?? ""));
  if (succeeded.length > 0) {
    await options.client.send(
      new DeleteMessageBatchCommand({ QueueUrl: options.queue.url, Entries: entries(succeeded) }),
    );
  }
  // Failed messages are left alone: they come back when their visibility timeout (the queue's, or
  // what the function set) runs out, and the queue's redrive policy counts their receives.
  const retried = messages.filter((message) => failed.has(message.MessageId ?? ""));
  const lastChance = retried.filter(
    (message) => Number(message.Attributes?.ApproximateReceiveCount ?? 0) >= options.maxReceiveCount,
  );
  if (lastChance.length > 0) {
    options.report({
      source: `sqs:${options.queue.name}`,
      functionName: options.functionName,
      message: `${lastChance.length} message(s) failed on receive ${options.maxReceiveCount}; they move to ${options.queue.deadLetter.name}`,
      items: lastChance.map((message) => message.Body ?? ""),
    });
  }
}

async function poll(options: SqsPollerOptions, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    let messages: Message[];
    try {
      const out = await options.client.send(
        new ReceiveMessageCommand({
          QueueUrl: options.queue.url,
          MaxNumberOfMessages: options.batchSize,
          WaitTimeSeconds: options.waitSeconds,
          AttributeNames: ["All"],
          MessageSystemAttributeNames: ["All"],
          MessageAttributeNames: ["All"],
        }),
        { abortSignal: signal },
      );
      messages = out.Messages ?? [];
    } catch (error) {
      if (signal.aborted) return;
      options.report({
        source: `sqs:${options.queue.name}`,
        functionName: options.functionName,
        message: `receiving failed: ${String(error)}`,
      });
      await sleep(1000, signal);
      continue;
    }
    if (messages.length === 0) continue;
    const records = messages.map((message) => sqsEventRecord(message, options.queue.arn));
    let failed: Set<string>;
    try {
      const outcome = batchOutcome(
        await invokeFunction(options, { Records: records }),
        records.map((record) => record.messageId),
      );
      if (outcome.kind === "failure") throw new Error(outcome.reason);
      failed = new Set(outcome.kind === "partial" ? outcome.failed : []);
    } catch (error) {
      options.report({
        source: `sqs:${options.queue.name}`,
        functionName: options.functionName,
        message: `the batch of ${records.length} failed: ${error instanceof Error ? error.message : String(error)}`,
      });
      failed = new Set(records.map((record) => record.messageId));
    }
    try {
      await settle(options, messages, failed);
    } catch (error) {
      options.report({
        source: `sqs:${options.queue.name}`,
        functionName: options.functionName,
        message: `deleting the processed messages failed (they will be delivered again): ${String(error)}`,
      });
    }
  }
}

/**
 * Start polling the queue (one batch at a time).
 *
 * @example
 * const poller = startSqsPoller({ client, queue, functionName: "AlertProcessor", handler, batchSize: 10, ... });
 */
export function startSqsPoller(options: SqsPollerOptions): Poller {
  const stopping = new AbortController();
  const polling = poll(options, stopping.signal);
  return {
    async stop() {
      stopping.abort();
      await polling;
    },
  };
}
