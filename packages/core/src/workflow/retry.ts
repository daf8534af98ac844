// One retry and catch policy for every task state, so infra, tests and the ASL agree on it.

import type { AslCatcher, AslRetrier } from "./asl";

/**
 * Errors a task throws for input it will never accept; retrying them only repeats the failure.
 * The PatternDetector names its input errors with this `name` (AWS reports it as the Lambda errorType).
 */
export const NON_RETRYABLE_ERRORS = ["InvalidWorkflowInput"] as const;

/** The retrier for transient failures: 3 more attempts, waiting 1 s, 2 s, 4 s. */
export const TRANSIENT_RETRY: AslRetrier = {
  ErrorEquals: ["States.ALL"],
  IntervalSeconds: 1,
  MaxAttempts: 3,
  BackoffRate: 2.0,
};

/**
 * The `Retry` field of each task: input errors fail at once, anything else is retried.
 * (`States.ALL` must come last, so the transient retrier is the second entry.)
 *
 * @example
 * const state = { Type: "Task", Resource: arn, Retry: taskRetry(), End: true };
 */
export function taskRetry(): AslRetrier[] {
  return [{ ErrorEquals: [...NON_RETRYABLE_ERRORS], MaxAttempts: 0 }, { ...TRANSIENT_RETRY }];
}

/**
 * The `Catch` field of each task: whatever is left after retries goes to `next`, with the error
 * kept beside the original input at `$.failure` (`{ Error, Cause }`).
 *
 * @example
 * const state = { Type: "Task", Resource: arn, Catch: catchTo("ManualReview"), End: true };
 */
export function catchTo(next: string): AslCatcher[] {
  return [{ ErrorEquals: ["States.ALL"], ResultPath: "$.failure", Next: next }];
}

/**
 * A `Catch` field that carries only the error (`{ Error, Cause }`) to `next`, not the state's input: for a
 * state whose input may be near Step Functions' 256 KiB state payload quota, where input and error
 * together could pass it and fail the execution with States.DataLimitExceeded, which no Catch takes.
 * Step Functions keeps at most 256 characters of Error and 32,768 of Cause, so the output stays small.
 * https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html,
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_TaskFailedEventDetails.html
 *
 * @example
 * const state = { Type: "Task", Resource: arn, Catch: catchErrorTo("ManualReview"), Next: "Score" };
 */
export function catchErrorTo(next: string): AslCatcher[] {
  // No ResultPath: a catcher's default, "$", replaces the input with the error (and, unlike "$.failure",
  // works on an array input such as ConfidenceScoring's). aws-local-stepfunctions reads an explicit "$"
  // as a key named "$", so it is left out.
  return [{ ErrorEquals: ["States.ALL"], Next: next }];
}
