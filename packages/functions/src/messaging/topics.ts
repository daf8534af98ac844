// Publishing to the SNS topics: alerts and their lifecycle to TradingAlerts, approval requests and expiries to AlertApprovalRequests.

import { PublishBatchCommand, type PublishBatchRequestEntry, PublishCommand } from "@aws-sdk/client-sns";
import {
  alertMessageSchema,
  approvalExpiredMessageSchema,
  approvalRequestMessageSchema,
  type LifecycleMessage,
  lifecycleMessageSchema,
} from "@stock-patterns/core/contracts";
import type { Alert } from "#alerts";
import type { Approval } from "#approvals";
import { sns } from "#aws";
import { linked } from "#config";

function subject(text: string): string {
  // SNS subjects: at most 100 printable ASCII characters, no line breaks.
  return text.replace(/[^\x20-\x7e]/g, " ").slice(0, 100);
}

/**
 * The TradingAlerts message of an alert: subject, body and the attributes subscribers filter on. The body
 * goes through core's schema, which keeps the alert's own fields only: a store's bookkeeping (claim and
 * send marks, the live approval's token hash) stays inside.
 */
function alertMessage(alert: Alert, approvedBy?: string) {
  return {
    Subject: subject(`[${alert.severity}] ${alert.symbol} ${alert.message}`),
    Message: JSON.stringify(alertMessageSchema.parse({ type: "alert", alert, approvedBy })),
    // `type` as lifecycle messages carry it, so a subscription's filter policy can take either kind alone.
    MessageAttributes: {
      type: { DataType: "String", StringValue: "alert" },
      severity: { DataType: "String", StringValue: alert.severity },
      symbol: { DataType: "String", StringValue: alert.symbol },
    },
  };
}

/** Publishes an alert to TradingAlerts (non-critical at once, CRITICAL after approval). */
export async function publishTradingAlert(alert: Alert, approvedBy?: string): Promise<void> {
  await sns().send(
    new PublishCommand({ TopicArn: linked("TradingAlerts", "arn"), ...alertMessage(alert, approvedBy) }),
  );
}

/** PublishBatch takes at most 10 messages a call. */
const PUBLISH_LIMIT = 10;

/** A message as PublishBatch takes it, but for its Id (its index in the call). */
type Entry = Omit<PublishBatchRequestEntry, "Id">;

/**
 * Publishes messages to TradingAlerts, ten a call, the calls at once; answers the failure of each message
 * not published, by index (`what` names it in a refusal).
 */
async function publishAll(entries: readonly Entry[], what: string): Promise<Map<number, Error>> {
  const failed = new Map<number, Error>();
  const starts = Array.from(
    { length: Math.ceil(entries.length / PUBLISH_LIMIT) },
    (_, n) => n * PUBLISH_LIMIT,
  );
  await Promise.all(
    starts.map(async (start) => {
      const chunk = entries.slice(start, start + PUBLISH_LIMIT);
      try {
        const { Failed = [] } = await sns().send(
          new PublishBatchCommand({
            TopicArn: linked("TradingAlerts", "arn"),
            PublishBatchRequestEntries: chunk.map((entry, n) => ({ Id: String(start + n), ...entry })),
          }),
        );
        for (const { Id, Code, Message } of Failed)
          failed.set(Number(Id), new Error(`TradingAlerts refused ${what}: ${Code} ${Message ?? ""}`));
      } catch (error) {
        for (const n of chunk.keys()) failed.set(start + n, error as Error);
      }
    }),
  );
  return failed;
}

/**
 * Publishes alerts to TradingAlerts, ten a call, the calls at once. Answers the failure of each alert
 * that was not published, by index (none: all were).
 *
 * @example
 * const failed = await publishTradingAlerts(claimed); // Map { 3 => Error("... Throttled") }
 */
export function publishTradingAlerts(alerts: readonly Alert[]): Promise<Map<number, Error>> {
  return publishAll(
    alerts.map((alert) => alertMessage(alert)),
    "the alert",
  );
}

/** The TradingAlerts message of a lifecycle event: `type` and `symbol` for subscribers' filters. */
function lifecycleEntry(message: LifecycleMessage): Entry {
  return {
    Subject: subject(`[${message.event}] ${message.symbol} ${message.pattern} ${message.status}`),
    Message: JSON.stringify(lifecycleMessageSchema.parse(message)),
    MessageAttributes: {
      type: { DataType: "String", StringValue: message.type },
      symbol: { DataType: "String", StringValue: message.symbol },
    },
  };
}

/** Tells TradingAlerts that a published or approved alert's detection broke out or was resolved. */
export async function publishLifecycle(message: LifecycleMessage): Promise<void> {
  await sns().send(
    new PublishCommand({ TopicArn: linked("TradingAlerts", "arn"), ...lifecycleEntry(message) }),
  );
}

/**
 * Tells TradingAlerts of several lifecycle events at once, ten a call, the calls at once: no order among
 * them, so at most one event of each alert. Answers the failure of each message not published, by index.
 *
 * @example
 * const failed = await publishLifecycles(round); // Map {} when SNS took them all
 */
export function publishLifecycles(messages: readonly LifecycleMessage[]): Promise<Map<number, Error>> {
  return publishAll(messages.map(lifecycleEntry), "the lifecycle message");
}

/**
 * Asks approvers (AlertApprovalRequests) to decide a CRITICAL alert; `approveUrl` carries the token. The
 * alert goes out as TradingAlerts shows it, without the store's bookkeeping (core's schema keeps its fields).
 */
export async function publishApprovalRequest(
  alert: Alert,
  approval: Approval,
  approveUrl: string,
): Promise<void> {
  await sns().send(
    new PublishCommand({
      TopicArn: linked("AlertApprovalRequests", "arn"),
      Subject: subject(`Approval needed: ${alert.symbol} ${alert.message}`),
      Message: JSON.stringify(
        approvalRequestMessageSchema.parse({
          type: "approvalRequest",
          alert,
          approveUrl,
          expiresAt: approval.expiresAt,
        }),
      ),
    }),
  );
}

/** Tells approvers that a request expired undecided (AlertApprovalRequests). */
export async function publishApprovalExpired(approval: Approval): Promise<void> {
  await sns().send(
    new PublishCommand({
      TopicArn: linked("AlertApprovalRequests", "arn"),
      Subject: subject(`Approval expired: ${approval.symbol} ${approval.summary}`),
      Message: JSON.stringify(
        approvalExpiredMessageSchema.parse({
          type: "approvalExpired",
          alertId: approval.alertId,
          symbol: approval.symbol,
          summary: approval.summary,
          expiresAt: approval.expiresAt,
        }),
      ),
    }),
  );
}
