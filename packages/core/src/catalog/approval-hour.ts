// An approval's hour, and what it asks of PendingApprovals: the receives that only put its message off.

import { SQS_MAX_VISIBILITY_SECONDS } from "./sqs-limits";

/** Approval tokens expire after this long: an approval's decision deadline is its request plus this. */
export const APPROVAL_TTL_SECONDS = 3600;

/**
 * The most receives of a PendingApprovals message that only put it off: the ApprovalProcessor hides a
 * message whose approval is not due yet until its expiry (ChangeMessageVisibility) and reports it failed,
 * and SQS counts that receive towards maxReceiveCount as any other (ReceiveMessage's
 * ApproximateReceiveCount, "the number of times a message has been received", and the DLQ's
 * maxReceiveCount: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
 * The message is sent with no delay as the approval is made, so its first receive comes up to
 * APPROVAL_TTL_SECONDS before the expiry, and each deferral hides it up to SQS_MAX_VISIBILITY_SECONDS:
 * ceil(3,600 / 43,200) = 1. A receive after the expiry is a real try.
 */
export const APPROVAL_DEFERRALS = Math.ceil(APPROVAL_TTL_SECONDS / SQS_MAX_VISIBILITY_SECONDS);
