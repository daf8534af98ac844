// Test helpers that build real Lambda event shapes from the emulators: SQS receives, Kinesis shard reads,
// and the messages SNS delivered to the tap queues.

import { randomUUID } from "node:crypto";
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  PutRecordsCommand,
} from "@aws-sdk/client-kinesis";
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { codeUnitOrder } from "@stock-patterns/core";
import { FUNCTION_TIMEOUT_SECONDS, STREAM } from "@stock-patterns/core/catalog";
import type {
  Context,
  KinesisStreamEvent,
  KinesisStreamRecord,
  ScheduledEvent,
  SQSEvent,
  SQSRecord,
} from "aws-lambda";
import type { Alert } from "#alerts";
import { dynamo } from "#aws";
import { linked } from "#config";

/**
 * What a context that stands for no deployed function (the default "test", a logger test's "First")
 * reports remaining: such a name has no timeout in the catalog to count down from, and no handler decides
 * on the remaining time, so a fixed value keeps those tests independent of the clock.
 */
const STAND_IN_REMAINING_MS = 30_000;

/**
 * A Lambda invocation context for handlers that log it. For one of the system's functions, the remaining
 * time counts down from its timeout in the catalog, as Lambda's does.
 *
 * @example
 * await handler(event, lambdaContext("KinesisConsumer")); // getRemainingTimeInMillis() starts near 60,000
 */
export function lambdaContext(functionName = "test"): Context {
  const timeoutSeconds = (FUNCTION_TIMEOUT_SECONDS as Record<string, number>)[functionName];
  const deadline = timeoutSeconds === undefined ? undefined : Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "test",
    getRemainingTimeInMillis: () =>
      deadline === undefined ? STAND_IN_REMAINING_MS : Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The event EventBridge sends a scheduled target (the ThresholdChecker's five-minute rule). */
export function scheduledEvent(time = new Date()): ScheduledEvent {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: "000000000000",
    time: time.toISOString().replace(/\.\d{3}Z$/, "Z"),
    region: "us-east-1",
    resources: ["arn:aws:events:us-east-1:000000000000:rule/ThresholdCheckerSchedule"],
    detail: {},
  };
}

/** Test-side SQS client: like the handlers', every call to the endpoint override (see src/aws/clients.ts). */
export const testSqs = () => new SQSClient({ useQueueUrlAsEndpoint: false });

/** The URL of a linked queue (from its SST_RESOURCE_ variable). */
export function queueUrl(name: "AlertQueue" | "PendingApprovals" | "RejectedMarketData"): string {
  return JSON.parse(process.env[`SST_RESOURCE_${name}`] as string).url;
}

/**
 * Receives up to `max` messages the way Lambda's SQS poller does and shapes them as an SQSEvent.
 * The messages stay in flight (visibility timeout) until the handler's success deletes them — which
 * here the test does through `deleteSucceeded`, as Lambda would.
 */
export async function receiveSqsEvent(url: string, max = 10): Promise<SQSEvent> {
  const client = testSqs();
  const output = await client.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: max,
      WaitTimeSeconds: 0,
      AttributeNames: ["All"],
      MessageSystemAttributeNames: ["All"],
      MessageAttributeNames: ["All"],
    }),
  );
  const queueName = url.split("/").pop() as string;
  const records: SQSRecord[] = (output.Messages ?? []).map((message) => ({
    messageId: message.MessageId as string,
    receiptHandle: message.ReceiptHandle as string,
    body: message.Body as string,
    attributes: message.Attributes as unknown as SQSRecord["attributes"],
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([key, value]) => [
        key,
        { dataType: value.DataType as string, stringValue: value.StringValue },
      ]),
    ),
    md5OfBody: message.MD5OfBody as string,
    eventSource: "aws:sqs",
    eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${queueName}`,
    awsRegion: "us-east-1",
  }));
  client.destroy();
  return { Records: records };
}

/** Deletes the messages of an event that the handler did not report as failed (Lambda's part). */
export async function deleteSucceeded(url: string, event: SQSEvent, failures: { itemIdentifier: string }[]) {
  const client = testSqs();
  const failed = new Set(failures.map((f) => f.itemIdentifier));
  for (const record of event.Records) {
    if (failed.has(record.messageId)) continue;
    await client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: record.receiptHandle }));
  }
  client.destroy();
}

/**
 * Takes every message off a queue without handling it, as a crash or a lost in-memory queue does; how many.
 *
 * @example
 * await loseMessages("PendingApprovals"); // 1: only the sweep can expire what it watched now
 */
export async function loseMessages(queue: "AlertQueue" | "PendingApprovals"): Promise<number> {
  let lost = 0;
  for (;;) {
    const event = await receiveSqsEvent(queueUrl(queue));
    if (event.Records.length === 0) return lost;
    lost += event.Records.length;
    await deleteSucceeded(queueUrl(queue), event, []);
  }
}

/** The JSON messages the system publishes (alerts, approval requests, expiry notices). */
export interface PublishedMessage {
  type: "alert" | "approvalRequest" | "approvalExpired";
  alert: Alert;
  approvedBy?: string;
  approveUrl: string;
  expiresAt: string;
  alertId: string;
  symbol: string;
}

/** Every message SNS delivered to a topic's tap queue since the last call, unwrapped from the envelope. */
export async function published(
  topic: "TradingAlerts" | "AlertApprovalRequests",
): Promise<{ subject?: string; message: PublishedMessage }[]> {
  const url = process.env[`TEST_TAP_${topic}`] as string;
  const client = testSqs();
  const found: { subject?: string; message: unknown }[] = [];
  for (;;) {
    const output = await client.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    const messages = output.Messages ?? [];
    if (messages.length === 0) break;
    for (const message of messages) {
      const envelope = JSON.parse(message.Body as string) as { Subject?: string; Message: string };
      found.push({ subject: envelope.Subject, message: JSON.parse(envelope.Message) });
      await client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
    }
  }
  client.destroy();
  return found as { subject?: string; message: PublishedMessage }[];
}

/** Reads MarketDataStream shard by shard, from where the previous read stopped, as Lambda's poller does. */
export class StreamReader {
  private readonly client = new KinesisClient({ requestHandler: new NodeHttpHandler() });
  private readonly iterators = new Map<string, string>();

  /** Puts raw record payloads (strings and bytes are sent as-is; objects as JSON), partitioned by `partitionKey`. */
  async put(records: { partitionKey: string; data: unknown }[]): Promise<void> {
    await this.client.send(
      new PutRecordsCommand({
        StreamName: STREAM.name,
        Records: records.map((record) => ({
          PartitionKey: record.partitionKey,
          Data:
            record.data instanceof Uint8Array
              ? record.data
              : Buffer.from(typeof record.data === "string" ? record.data : JSON.stringify(record.data)),
        })),
      }),
    );
  }

  /** The records added since the last call, as a KinesisStreamEvent (shards in order, records in order). */
  async nextEvent(): Promise<KinesisStreamEvent> {
    const { Shards } = await this.client.send(new ListShardsCommand({ StreamName: STREAM.name }));
    const records: KinesisStreamRecord[] = [];
    for (const shard of Shards ?? []) {
      const shardId = shard.ShardId as string;
      let iterator = this.iterators.get(shardId);
      if (!iterator) {
        const output = await this.client.send(
          new GetShardIteratorCommand({
            StreamName: STREAM.name,
            ShardId: shardId,
            ShardIteratorType: "TRIM_HORIZON",
          }),
        );
        iterator = output.ShardIterator as string;
      }
      const output = await this.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      this.iterators.set(shardId, output.NextShardIterator as string);
      for (const record of output.Records ?? []) {
        records.push({
          kinesis: {
            kinesisSchemaVersion: "1.0",
            partitionKey: record.PartitionKey as string,
            sequenceNumber: record.SequenceNumber as string,
            data: Buffer.from(record.Data as Uint8Array).toString("base64"),
            approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp as Date).getTime() / 1000,
          },
          eventSource: "aws:kinesis",
          eventVersion: "1.0",
          eventID: `${shardId}:${record.SequenceNumber}`,
          eventName: "aws:kinesis:record",
          invokeIdentityArn: "arn:aws:iam::000000000000:role/KinesisConsumer",
          awsRegion: "us-east-1",
          eventSourceARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${STREAM.name}`,
        });
      }
    }
    return { Records: records };
  }

  close(): void {
    this.client.destroy();
  }
}

/** Every item of a table, in a stable order (by their JSON), so two reads compare equal when nothing changed. */
export async function scanTable<T = Record<string, unknown>>(table: string): Promise<T[]> {
  const items: T[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: table, ExclusiveStartKey }));
    items.push(...((page.Items ?? []) as T[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.sort((a, b) => codeUnitOrder(JSON.stringify(a), JSON.stringify(b)));
}

/**
 * Removes an alert's `notifiedAt`: the state a holder leaves that announced the approval request and
 * stopped before marking it so.
 */
export async function forgetNotified(alertId: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: linked("Alerts", "name"),
      Key: { alertId },
      UpdateExpression: "REMOVE notifiedAt",
      ConditionExpression: "attribute_exists(notifiedAt)",
    }),
  );
}
