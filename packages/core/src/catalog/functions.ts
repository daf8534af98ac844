// Each function's timeout, the sweep's grace, and the longest recovery timing an operator may set.

import { QUEUES } from "./queues";
import { DAY } from "./units";

/**
 * Each function's timeout in seconds: infra deploys it and the local runtime enforces it, so a handler that
 * overruns fails here as it would on AWS (Lambda stops an invocation at its timeout and reports it as a
 * function error: https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html).
 */
export const FUNCTION_TIMEOUT_SECONDS = {
  KinesisConsumer: 60,
  // At most a sixth of AlertQueue's visibility timeout (300 s): AWS asks for a visibility timeout of at
  // least six times the consuming function's, so Lambda can retry a throttled batch before its messages
  // come back (and count towards the 3 receives before the DLQ).
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-lambda-function-trigger.html
  AlertProcessor: Math.floor(QUEUES.AlertQueue.visibilityTimeoutSeconds / 6),
  ApprovalProcessor: 60,
  ThresholdChecker: 60,
  PatternDetector: 60,
  /** API Gateway's integration timeout (29 s), which the Api function matches. */
  Api: 29,
} as const;

/**
 * How long the sweep lets work sit before it treats it as stranded (the functions' SWEEP_GRACE_SECONDS,
 * deployed): an alert QUEUED or unannounced, an approval PENDING past its hour. Longer than AlertQueue's
 * visibility timeout, so a message that failed once comes back by itself before the sweep steps in.
 */
export const SWEEP_GRACE_SECONDS = 2 * QUEUES.AlertQueue.visibilityTimeoutSeconds;

/**
 * The longest an operator may set a recovery timing (the sweep's look-back, SWEEP_LOOKBACK_SECONDS, among
 * them): the functions' configuration refuses more.
 */
export const RECOVERY_TIMING_MAX_SECONDS = 30 * DAY;

export type FunctionName = keyof typeof FUNCTION_TIMEOUT_SECONDS;
