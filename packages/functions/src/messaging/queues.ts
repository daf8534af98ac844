// Sending to the system's queues: alerts to AlertQueue, approval requests to PendingApprovals.

import {
  ChangeMessageVisibilityCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { toAlertView } from "@stock-patterns/core";
import { SQS_MAX_VISIBILITY_SECONDS } from "@stock-patterns/core/catalog";
import type { PendingApprovalMessage } from "@stock-patterns/core/contracts";
import type { Alert } from "#alerts";
import { sqs } from "#aws";
import { linked } from "#config";

/**
 * The AlertQueue message of an alert: the alert as body (its own fields: the store's bookkeeping, such as
 * the enqueuedAt mark its put set, stays inside), severity and symbol as attributes.
 */
function alertMessage(alert: Alert) {
  return {
    MessageBody: JSON.stringify(toAlertView(alert)),
    MessageAttributes: {
      severity: { DataType: "String", StringValue: alert.severity },
      symbol: { DataType: "String", StringValue: alert.symbol },
    },
  };
}

/** Queues an alert for the AlertProcessor (the body is the alert). */
export async function enqueueAlert(alert: Alert): Promise<void> {
  await sqs().send(new SendMessageCommand({ QueueUrl: linked("AlertQueue", "url"), ...alertMessage(alert) }));
}

/** SendMessageBatch takes at most 10 messages a call. */
const SEND_LIMIT = 10;

/**
 * Queues many alerts, ten a call, the calls at once. Throws when SQS refused any of them (after the other
 * calls are done): the caller's retry sends them again, and the AlertProcessor takes a repeat as a no-op.
 */
export async function enqueueAlerts(alerts: readonly Alert[]): Promise<void> {
  const chunks: Alert[][] = [];
  for (let i = 0; i < alerts.length; i += SEND_LIMIT) chunks.push(alerts.slice(i, i + SEND_LIMIT));
  const sent = await Promise.allSettled(
    chunks.map(async (chunk) => {
      const entries: SendMessageBatchRequestEntry[] = chunk.map((alert, n) => ({
        Id: String(n),
        ...alertMessage(alert),
      }));
      const { Failed = [] } = await sqs().send(
        new SendMessageBatchCommand({ QueueUrl: linked("AlertQueue", "url"), Entries: entries }),
      );
      const [first] = Failed;
      if (first)
        throw new Error(`AlertQueue refused ${Failed.length} alert(s): ${first.Code} ${first.Message ?? ""}`);
    }),
  );
  const refused = sent.find((result) => result.status === "rejected");
  if (refused) throw refused.reason;
}

/** The PendingApprovals message (core's schema): enough to find the approval and know when it expires. */
export type { PendingApprovalMessage };

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
      VisibilityTimeout: Math.max(0, Math.min(SQS_MAX_VISIBILITY_SECONDS, Math.ceil(seconds))),
    }),
  );
}
