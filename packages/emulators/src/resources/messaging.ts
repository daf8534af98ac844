// The catalog's queues (each with its dead-letter queue and redrive policy), set-aside queues and topics,
// created in the emulator.

import { CreateTopicCommand, type SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import {
  deadLetterQueueName,
  QUEUES,
  type QueueName,
  type QueueSpec,
  SET_ASIDE_QUEUES,
  type SetAsideQueueName,
  type SetAsideQueueSpec,
  TOPICS,
  type TopicName,
} from "@stock-patterns/core/catalog";

/** A queue with its dead-letter queue. */
export interface QueueResource {
  name: string;
  url: string;
  arn: string;
  deadLetter: { name: string; url: string; arn: string };
}

/** Queues and topics as created locally, plus the local taps on each topic. */
export interface MessagingResources {
  queues: Record<QueueName, QueueResource>;
  /** Queues records are set aside on for people to read (RejectedMarketData): no consumer, no DLQ. */
  setAsideQueues: Record<SetAsideQueueName, { name: string; url: string; arn: string }>;
  topics: Record<TopicName, string>;
  /**
   * One local-only queue per topic, subscribed to it, so the local runner sees every notification
   * (it prints approval links from AlertApprovalRequests). Not part of the deployed system.
   */
  taps: Record<TopicName, { name: string; url: string }>;
}

async function createQueue(
  sqs: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<{ name: string; url: string; arn: string }> {
  const { QueueUrl: url = "" } = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
  );
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }),
  );
  return { name, url, arn: Attributes?.QueueArn ?? "" };
}

/** The SQS attributes of a catalog queue, given its dead-letter queue's ARN. */
export function queueAttributes(spec: QueueSpec, deadLetterArn: string): Record<string, string> {
  return {
    VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(spec.retentionSeconds),
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: deadLetterArn,
      maxReceiveCount: spec.maxReceiveCount,
    }),
  };
}

/**
 * Create every catalog queue with its DLQ (`<Name>DLQ`), every set-aside queue, every topic, and a tap
 * queue per topic.
 *
 * @example
 * const messaging = await createMessaging(sqsClient(url), snsClient(url));
 * messaging.queues.AlertQueue.url;
 */
export async function createMessaging(sqs: SQSClient, sns: SNSClient): Promise<MessagingResources> {
  const queues = {} as Record<QueueName, QueueResource>;
  for (const [name, spec] of Object.entries(QUEUES) as [QueueName, QueueSpec][]) {
    const deadLetter = await createQueue(sqs, deadLetterQueueName(name), {
      MessageRetentionPeriod: String(spec.deadLetterRetentionSeconds),
    });
    const queue = await createQueue(sqs, name, queueAttributes(spec, deadLetter.arn));
    queues[name] = { ...queue, deadLetter };
  }
  const setAsideQueues = {} as MessagingResources["setAsideQueues"];
  for (const [name, spec] of Object.entries(SET_ASIDE_QUEUES) as [SetAsideQueueName, SetAsideQueueSpec][]) {
    setAsideQueues[name] = await createQueue(sqs, name, {
      MessageRetentionPeriod: String(spec.retentionSeconds),
      MaximumMessageSize: String(spec.maxMessageBytes),
    });
  }
  const topics = {} as Record<TopicName, string>;
  const taps = {} as Record<TopicName, { name: string; url: string }>;
  for (const name of TOPICS) {
    const { TopicArn: arn = "" } = await sns.send(new CreateTopicCommand({ Name: name }));
    topics[name] = arn;
    const tap = await createQueue(sqs, `${name}LocalTap`, {});
    await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: "sqs", Endpoint: tap.arn }));
    taps[name] = { name: tap.name, url: tap.url };
  }
  return { queues, setAsideQueues, topics, taps };
}
