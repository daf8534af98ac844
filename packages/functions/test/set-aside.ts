// What the KinesisConsumer set aside, read back from the emulated RejectedMarketData queue, and the records
// it reported it could not take: shared by the tests of each reason a record is set aside for (malformed,
// late, conflicting).

import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { Bar } from "@stock-patterns/core";
import { SET_ASIDE_QUEUES } from "@stock-patterns/core/catalog";
import type { KinesisStreamEvent } from "aws-lambda";
import { handler } from "#handlers/kinesis-consumer";
import type { RejectedMarketRecord } from "#stream";
import { lambdaContext, queueUrl } from "./aws";

/** Everything on RejectedMarketData, taken off the queue. */
export async function takeSetAside(sqs: SQSClient): Promise<RejectedMarketRecord[]> {
  const url = queueUrl("RejectedMarketData");
  const found: RejectedMarketRecord[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return found;
    for (const message of Messages) {
      found.push(JSON.parse(message.Body as string));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
    }
  }
}

/** Creates RejectedMarketData again as infra does (after a test deleted it to make it unreachable). */
export async function recreateSetAsideQueue(sqs: SQSClient): Promise<void> {
  const { retentionSeconds, maxMessageBytes } = SET_ASIDE_QUEUES.RejectedMarketData;
  await sqs.send(
    new CreateQueueCommand({
      QueueName: "RejectedMarketData",
      Attributes: {
        MessageRetentionPeriod: String(retentionSeconds),
        MaximumMessageSize: String(maxMessageBytes),
      },
    }),
  );
}

/** Stream records of one daily series, one per bar, as a producer puts them. */
export const barRecords = (symbol: string, list: readonly Bar[]) =>
  list.map((bar) => ({ partitionKey: symbol, data: { symbol, interval: "1d", ...bar } }));

/** The sequence number of the event's record that carries `bar` of `symbol` (written by barRecords). */
export function sequenceOf(event: KinesisStreamEvent, symbol: string, bar: Bar): string {
  const text = JSON.stringify({ symbol, interval: "1d", ...bar });
  const record = event.Records.find((r) => Buffer.from(r.kinesis.data, "base64").toString() === text);
  if (!record) throw new Error(`no record carries ${text}`);
  return record.kinesis.sequenceNumber;
}

/**
 * Runs the KinesisConsumer on `event`; answers the sequence numbers it reported it could not take (each
 * retried), in its order.
 *
 * @example
 * expect(await consumerFailures(await reader.nextEvent())).toEqual([]);
 */
export async function consumerFailures(event: KinesisStreamEvent): Promise<string[]> {
  const response = await handler(event, lambdaContext("KinesisConsumer"));
  return response.batchItemFailures.map((f) => f.itemIdentifier);
}
