// The queue consumers: AlertProcessor routes alerts (SNS, or approval for CRITICAL ones) and
// ApprovalProcessor works through pending approvals. Batch settings come from core's catalog.
import { EVENT_SOURCES } from "@stock-patterns/core/catalog";
import { type TradingFunction, tradingFunction } from "./lambda";
import { alertQueue, approvalRequests, pendingApprovals, tradingAlerts } from "./messaging";
import { alerts, approvalTracking, tradingPatterns } from "./storage";
import { consoleUrl } from "./web";

/** What an SQS event source mapping needs from the consuming function's role. */
function receiveFrom(queue: sst.aws.Queue) {
  return [
    {
      actions: [
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:ChangeMessageVisibility",
        "sqs:GetQueueAttributes",
      ],
      resources: [queue.arn],
    },
  ];
}

export const alertProcessor = tradingFunction("AlertProcessor", {
  handler: "packages/functions/src/handlers/alert-processor.handler",
  description: "Routes alerts: SNS for most, a human approval for CRITICAL ones",
  memory: "256 MB",
  // TradingPatterns: a published alert's detection outcome (GetItem), for its lifecycle catch-up.
  link: [alerts, approvalTracking, pendingApprovals, tradingAlerts, approvalRequests, tradingPatterns],
  permissions: receiveFrom(alertQueue),
  // Approval links open the console, which turns `?token=` into the approval page.
  environment: { APPROVAL_BASE_URL: consoleUrl },
});

export const approvalProcessor = tradingFunction("ApprovalProcessor", {
  handler: "packages/functions/src/handlers/approval-processor.handler",
  description: "Works through pending approvals: requests a decision, expires stale ones",
  memory: "256 MB",
  link: [alerts, approvalTracking, approvalRequests, pendingApprovals],
  permissions: receiveFrom(pendingApprovals),
});

/** SQS -> function with partial batch responses, so one bad message never blocks the rest. */
function consume(target: TradingFunction, queue: sst.aws.Queue, batchSize: number) {
  return new aws.lambda.EventSourceMapping(`${target.name}Mapping`, {
    eventSourceArn: queue.arn,
    functionName: target.target,
    batchSize,
    functionResponseTypes: ["ReportBatchItemFailures"],
  });
}

export const alertMapping = consume(alertProcessor, alertQueue, EVENT_SOURCES.AlertProcessor.batchSize);
export const approvalMapping = consume(
  approvalProcessor,
  pendingApprovals,
  EVENT_SOURCES.ApprovalProcessor.batchSize,
);
