// ApprovalProcessor: PendingApprovals batches; approvals that expired undecided become EXPIRED, approvers told.

import { pendingApprovalMessageSchema } from "@stock-patterns/core/contracts";
import type { SQSRecord } from "aws-lambda";
import { watchApproval } from "#approvals";
import { deferPendingApproval } from "#messaging";
import { count, logger } from "#observability";
import { sqsBatchHandler } from "./sqs-batch";

/**
 * Thrown for a message to look at again later: its approval not due yet, or its expiry held by another run
 * (the sweep) until that run's claim is stale. It stays queued, hidden until then.
 */
class LookAgainLater extends Error {
  constructor(why: "waiting" | "claimed", seconds: number) {
    super(`${why === "waiting" ? "approval not due" : "expiry claimed by another run"} for ${seconds} s`);
    this.name = "LookAgainLater";
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function handleRecord(record: SQSRecord): Promise<void> {
  const parsed = pendingApprovalMessageSchema.safeParse(parseJson(record.body));
  if (!parsed.success) {
    logger.error("Malformed pending-approval message", { messageId: record.messageId, body: record.body });
    count("MalformedApprovalMessages");
    throw new Error(`malformed pending-approval message ${record.messageId}`);
  }
  const outcome = await watchApproval(parsed.data);
  if (outcome.kind === "waiting" || outcome.kind === "claimed") {
    // This receive counts towards the queue's maxReceiveCount (core's APPROVAL_DEFERRALS says how many can):
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
    await deferPendingApproval(record.receiptHandle, outcome.seconds);
    throw new LookAgainLater(outcome.kind, outcome.seconds);
  }
  if (outcome.kind === "expired") {
    count("ApprovalsExpired");
    logger.info("Approval expired", { alertId: parsed.data.alertId });
  }
}

/**
 * Lambda entry for PendingApprovals. Messages not yet due are reported as failures after their
 * visibility was set to the time left, so they come back when the approval can expire.
 */
export const handler = sqsBatchHandler("ApprovalProcessor", handleRecord);
