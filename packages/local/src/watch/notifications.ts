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

/** An approval request as an approver receives it on AlertApprovalRequests. */
export interface ApprovalRequest {
  /** The approve link the notification carries. */
  link?: string;
  /** The alert waiting for a decision. */
  alertId?: string;
  notification: Notification;
}

/**
 * The approval request a notification carries, or undefined for the topic's other notices (an
 * expired request). Reads the runtime's JSON message (`type: "approvalRequest"`, `approveUrl`,
 * `alert.alertId`); a plain-text message counts as a request when it carries a link.
 *
 * @example
 * approvalRequestOf(notification)?.link; // "http://127.0.0.1:3000/?token=…"
 */
export function approvalRequestOf(notification: Notification): ApprovalRequest | undefined {
  let message: { type?: unknown; approveUrl?: unknown; alert?: { alertId?: unknown } };
  try {
    message = JSON.parse(notification.message);
  } catch {
    const link = notification.message.match(/https?:\/\/[^\s"'<>]+/)?.[0];
    return link ? { link, notification } : undefined;
  }
  if (message?.type !== "approvalRequest") return undefined;
  return {
    link: typeof message.approveUrl === "string" ? message.approveUrl : undefined,
    alertId: typeof message.alert?.alertId === "string" ? message.alert.alertId : undefined,
    notification,
  };
}
