// The SQS queues: the two the functions consume (each with its dead-letter queue), the set-aside queues
// people read, the key each queue's URL is given under, and the SNS topics.

import { APPROVAL_DEFERRALS } from "./approval-hour";
import { DAY } from "./units";

/** An SQS queue with its dead-letter queue. */
export interface QueueSpec {
  visibilityTimeoutSeconds: number;
  retentionSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: number;
  deadLetterRetentionSeconds: number;
}

/** A queue where records are set aside for people to read; nothing consumes it, so it has no DLQ. */
export interface SetAsideQueueSpec {
  retentionSeconds: number;
  /** The queue's MaximumMessageSize: SQS refuses a longer message, so a longer record goes in parts. */
  maxMessageBytes: number;
}

/** Tries a queue's consumer gets at a message before SQS moves it to the dead-letter queue. */
const ATTEMPTS = 3;

export const QUEUES = {
  AlertQueue: {
    visibilityTimeoutSeconds: 300,
    retentionSeconds: 4 * DAY,
    maxReceiveCount: ATTEMPTS,
    deadLetterRetentionSeconds: 14 * DAY,
  },
  PendingApprovals: {
    visibilityTimeoutSeconds: 2 * 3600,
    retentionSeconds: 4 * DAY,
    // A due approval gets AlertQueue's tries at its expiry, beside the receive that deferred it (4 in all).
    maxReceiveCount: ATTEMPTS + APPROVAL_DEFERRALS,
    deadLetterRetentionSeconds: 14 * DAY,
  },
} as const satisfies Record<string, QueueSpec>;

export const SET_ASIDE_QUEUES = {
  /**
   * Market-data records the KinesisConsumer could not read, each kept whole (raw data, position on
   * the stream, reason), long after the stream's own retention, for inspection and replay.
   */
  RejectedMarketData: {
    retentionSeconds: 14 * DAY,
    // Under SQS's 1 MiB: the Pulumi AWS provider SST deploys with (6.66) accepts at most 256 KiB and
    // makes every queue with that when none is given, so this is the queue as deployed, said once.
    maxMessageBytes: 262_144,
  },
  /**
   * The KinesisConsumer mapping's on-failure destination: for each batch still failing after its retries,
   * Lambda sends a description of it (shard, first and last sequence numbers, size), not its records;
   * they stay readable on the stream for its retention.
   * https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
   */
  MarketDataFailures: {
    retentionSeconds: 14 * DAY,
    maxMessageBytes: 262_144,
  },
} as const satisfies Record<string, SetAsideQueueSpec>;

/**
 * A catalog queue's dead-letter queue: `<queue>DLQ`, on AWS (its SST component) and in the emulators.
 * @example
 * deadLetterQueueName("AlertQueue") // "AlertQueueDLQ"
 */
export function deadLetterQueueName<Q extends QueueName>(queue: Q): `${Q}DLQ` {
  return `${queue}DLQ`;
}

/** The output key of a queue's URL: its name and `Url`, with `Queue` between unless the name says it already. */
type QueueUrlOutput<Q extends string> = Q extends `${string}Queue` | `${string}DLQ`
  ? `${Q}Url`
  : `${Q}QueueUrl`;

function queueUrlOutput<Q extends OutputQueueName>(queue: Q): QueueUrlOutput<Q> {
  return (/(Queue|DLQ)$/.test(queue) ? `${queue}Url` : `${queue}QueueUrl`) as QueueUrlOutput<Q>;
}

const queueNames = Object.keys(QUEUES) as QueueName[];

/** Every queue an operator reads or redrives: the catalog's queues, their dead-letter queues, the set-aside queues. */
export type OutputQueueName = QueueName | `${QueueName}DLQ` | SetAsideQueueName;

/**
 * The key under which each queue's URL is given, the same in a stage's outputs (`sst deploy`'s
 * .sst/outputs.json) and in the local system's .local/outputs.json: AlertQueueUrl, AlertQueueDLQUrl,
 * PendingApprovalsQueueUrl, PendingApprovalsDLQUrl, RejectedMarketDataQueueUrl, MarketDataFailuresQueueUrl.
 */
export const QUEUE_URL_OUTPUTS = Object.fromEntries(
  [...queueNames, ...queueNames.map(deadLetterQueueName), ...Object.keys(SET_ASIDE_QUEUES)].map((queue) => [
    queue,
    queueUrlOutput(queue as OutputQueueName),
  ]),
) as { [Q in OutputQueueName]: QueueUrlOutput<Q> };
export type QueueUrlOutputKey = (typeof QUEUE_URL_OUTPUTS)[OutputQueueName];

export const TOPICS = ["TradingAlerts", "AlertApprovalRequests"] as const;

export type QueueName = keyof typeof QUEUES;
export type SetAsideQueueName = keyof typeof SET_ASIDE_QUEUES;
export type TopicName = (typeof TOPICS)[number];
