// Step Functions' payload quota, held to each state's input and output as AWS holds it.

import { STEP_FUNCTIONS_PAYLOAD_BYTES } from "@stock-patterns/core/catalog";

/** The largest input or output of a task, a state or an execution: core's catalog holds AWS's figure. */
export const MAX_PAYLOAD_BYTES = STEP_FUNCTIONS_PAYLOAD_BYTES;

/**
 * A state's input (after Parameters) or output over MAX_PAYLOAD_BYTES. Terminal on AWS: no Retry or
 * Catch takes it, not even States.ALL, so the execution fails with it.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
export class DataLimitExceeded extends Error {
  // Read by aws-local-stepfunctions' Retry and Catch matching.
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor(message: string) {
    super(message);
    this.name = "States.DataLimitExceeded";
  }
}

/** The payload's size as Step Functions counts it: its JSON text in UTF-8 bytes. */
export function payloadBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value ?? null), "utf8");
}

/**
 * The DataLimitExceeded error for `value`, or undefined when it fits.
 *
 * @example
 * const error = payloadOverLimit(output, "The output of state 'ManualReview'"); if (error) throw error;
 */
export function payloadOverLimit(value: unknown, what: string): DataLimitExceeded | undefined {
  const bytes = payloadBytes(value);
  if (bytes <= MAX_PAYLOAD_BYTES) return undefined;
  return new DataLimitExceeded(
    `${what} is ${bytes} bytes, over the maximum number of bytes service limit (${MAX_PAYLOAD_BYTES})`,
  );
}
