// How work moves between functions: the SQS queues (each with a dead-letter queue), the set-aside
// queues and the SNS topics, all encrypted with the data key. Queue settings come from core's catalog.
import {
  deadLetterQueueName,
  type OutputQueueName,
  QUEUE_URL_OUTPUTS,
  QUEUES,
  type QueueName,
  type QueueUrlOutputKey,
  SET_ASIDE_QUEUES,
  type SetAsideQueueName,
  TOPICS,
  type TopicName,
} from "@stock-patterns/core/catalog";
import { dataKey } from "./storage";

/**
 * A queue's retention (and largest message, when given), encrypted with the data key (reused for
 * 5 minutes, to keep KMS calls few).
 */
function encryptedQueue(retentionSeconds: number, maxMessageBytes?: number): sst.aws.QueueArgs["transform"] {
  return {
    queue: (args) => {
      args.messageRetentionSeconds = retentionSeconds;
      if (maxMessageBytes !== undefined) args.maxMessageSize = maxMessageBytes;
      args.kmsMasterKeyId = dataKey.arn;
      args.kmsDataKeyReusePeriodSeconds = 300;
    },
  };
}

/** A queue and its DLQ as the catalog describes them. */
function queueWithDeadLetters(name: QueueName) {
  const spec = QUEUES[name];
  const deadLetters = new sst.aws.Queue(deadLetterQueueName(name), {
    transform: {
      queue: (args) => {
        args.messageRetentionSeconds = spec.deadLetterRetentionSeconds;
        args.kmsMasterKeyId = dataKey.arn;
      },
    },
  });
  const queue = new sst.aws.Queue(name, {
    visibilityTimeout: `${spec.visibilityTimeoutSeconds} seconds`,
    dlq: { queue: deadLetters.arn, retry: spec.maxReceiveCount },
    transform: encryptedQueue(spec.retentionSeconds),
  });
  return { queue, deadLetters };
}

const queueNames = Object.keys(QUEUES) as QueueName[];
const catalogQueues = Object.fromEntries(
  queueNames.map((name) => [name, queueWithDeadLetters(name)]),
) as Record<QueueName, ReturnType<typeof queueWithDeadLetters>>;

/** Alerts waiting to be routed by the AlertProcessor. */
export const alertQueue = catalogQueues.AlertQueue.queue;
export const alertDeadLetters = catalogQueues.AlertQueue.deadLetters;
/** CRITICAL alerts waiting for a human approver. */
export const pendingApprovals = catalogQueues.PendingApprovals.queue;
export const pendingApprovalDeadLetters = catalogQueues.PendingApprovals.deadLetters;

/** A set-aside queue as the catalog describes it: read by people, so no consumer and no DLQ. */
function setAsideQueue(name: SetAsideQueueName) {
  const spec = SET_ASIDE_QUEUES[name];
  return new sst.aws.Queue(name, { transform: encryptedQueue(spec.retentionSeconds, spec.maxMessageBytes) });
}

/** Every set-aside queue of the catalog, by name. */
export const setAsideQueues = Object.fromEntries(
  (Object.keys(SET_ASIDE_QUEUES) as SetAsideQueueName[]).map((name) => [name, setAsideQueue(name)]),
) as Record<SetAsideQueueName, sst.aws.Queue>;

/** Market-data records the KinesisConsumer could not read, kept whole for inspection and replay. */
export const rejectedMarketData = setAsideQueues.RejectedMarketData;

const everyQueue = {
  ...Object.fromEntries(queueNames.map((name) => [name, catalogQueues[name].queue])),
  ...Object.fromEntries(
    queueNames.map((name) => [deadLetterQueueName(name), catalogQueues[name].deadLetters]),
  ),
  ...setAsideQueues,
} as Record<OutputQueueName, sst.aws.Queue>;

/**
 * The stage outputs giving every queue's URL (the catalog's queues, their DLQs, the set-aside queues)
 * under core's QUEUE_URL_OUTPUTS keys, which the local system's outputs.json uses as well.
 */
export const queueUrlOutputs = Object.fromEntries(
  (Object.keys(QUEUE_URL_OUTPUTS) as OutputQueueName[]).map((name) => [
    QUEUE_URL_OUTPUTS[name],
    everyQueue[name].url,
  ]),
) as Record<QueueUrlOutputKey, $util.Output<string>>;

/**
 * An SNS topic encrypted with the data key.
 * @example
 * const ops = encryptedTopic("BillingAlarms");
 */
export function encryptedTopic(name: string): sst.aws.SnsTopic {
  return new sst.aws.SnsTopic(name, {
    transform: {
      topic: (args) => {
        args.kmsMasterKeyId = dataKey.arn;
      },
    },
  });
}

const topics = Object.fromEntries(TOPICS.map((name) => [name, encryptedTopic(name)])) as Record<
  TopicName,
  sst.aws.SnsTopic
>;

/** Routed alerts for subscribers (traders, chat, email). */
export const tradingAlerts = topics.TradingAlerts;
/** Requests for a human decision on a CRITICAL alert. */
export const approvalRequests = topics.AlertApprovalRequests;
