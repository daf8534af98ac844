// Reads the notifications a topic sends (through its local tap queue), the way an SNS subscriber receives them.

import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { sleep } from "../pollers/sleep";

/** One SNS notification. */
export interface Notification {
  topicArn: string;
  subject?: string;
  message: string;
  /** Message attributes, by name, as their string values. */
  attributes: Record<string, string>;
  timestamp: string;
}

interface Envelope {
  TopicArn?: string;
  Subject?: string;
  Message?: string;
  Timestamp?: string;
  MessageAttributes?: Record<string, { Value?: string }>;
}

/** Parse the SNS envelope an SQS subscription delivers. */
export function parseNotification(body: string): Notification {
  const envelope = JSON.parse(body) as Envelope;
  return {
    topicArn: envelope.TopicArn ?? "",
    subject: envelope.Subject,
    message: envelope.Message ?? "",
    attributes: Object.fromEntries(
      Object.entries(envelope.MessageAttributes ?? {}).map(([name, value]) => [name, value.Value ?? ""]),
    ),
    timestamp: envelope.Timestamp ?? new Date().toISOString(),
  };
}

/**
 * Call `onNotification` for every notification arriving on the tap queue until `signal` aborts.
 *
 * @example
 * const done = watchNotifications(sqs, taps.AlertApprovalRequests.url, print, stopping.signal, 20);
 */
export async function watchNotifications(
  client: SQSClient,
  tapUrl: string,
  onNotification: (notification: Notification) => void,
  signal: AbortSignal,
  waitSeconds: number,
): Promise<void> {
  while (!signal.aborted) {
    try {
      const { Messages = [] } = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: tapUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: waitSeconds,
        }),
        { abortSignal: signal },
      );
      for (const message of Messages) {
        try {
          onNotification(parseNotification(message.Body ?? ""));
        } catch {
          // Not an SNS envelope: nothing a subscriber could read; drop it with the rest.
        }
      }
      if (Messages.length > 0) {
        await client.send(
          new DeleteMessageBatchCommand({
            QueueUrl: tapUrl,
            Entries: Messages.map((message, index) => ({
              Id: String(index),
              ReceiptHandle: message.ReceiptHandle,
            })),
          }),
        );
      }
    } catch {
      if (signal.aborted) return;
      await sleep(1000, signal);
    }
  }
}

/**
 * The first http(s) link in a notification's text (the approve link of an approval request).
 *
 * @example
 * approvalLink("Approve: http://127.0.0.1:3000/approve/abc"); // "http://127.0.0.1:3000/approve/abc"
 */
export function approvalLink(text: string): string | undefined {
  return text.match(/https?:\/\/[^\s"'<>]+/)?.[0];
}
