// Sending to the system's queues: alerts to AlertQueue, approval requests to PendingApprovals.

import { ChangeMessageVisibilityCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import type { Alert } from "../alerts/alert";
import { sqs } from "../aws/clients";
import { linked } from "../config/resources";

/** Queues an alert for the AlertProcessor (the body is the alert). */
export async function enqueueAlert(alert: Alert): Promise<void> {
  await sqs().send(
    new SendMessageCommand({
      QueueUrl: linked("AlertQueue", "url"),
      MessageBody: JSON.stringify(alert),
      MessageAttributes: {
        severity: { DataType: "String", StringValue: alert.severity },
        symbol: { DataType: "String", StringValue: alert.symbol },
      },
    }),
  );
}

/** The PendingApprovals message: enough to find the approval and know when it expires. */
export interface PendingApprovalMessage {
  tokenHash: string;
  alertId: string;
  expiresAt: string;
}

/** Queues an approval request for the ApprovalProcessor's expiry watch. */
export async function enqueuePendingApproval(message: PendingApprovalMessage): Promise<void> {
  await sqs().send(
    new SendMessageCommand({
      QueueUrl: linked("PendingApprovals", "url"),
      MessageBody: JSON.stringify(message),
    }),
  );
}

/** Keeps a PendingApprovals message out of sight for `seconds` (until its approval can expire). */
export async function deferPendingApproval(receiptHandle: string, seconds: number): Promise<void> {
  await sqs().send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: linked("PendingApprovals", "url"),
      ReceiptHandle: receiptHandle,
      VisibilityTimeout: Math.max(0, Math.min(43_200, Math.ceil(seconds))),
    }),
  );
}
