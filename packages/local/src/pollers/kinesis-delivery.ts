// Delivers one Kinesis batch to its function as Lambda does: partial failures, bisect on error, bounded retries.

import type { KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";
import { batchOutcome } from "./batch-response";

/** The event-source mapping's error handling (from the catalog's EVENT_SOURCES). */
export interface KinesisRetryPolicy {
  bisectOnError: boolean;
  maxRetries: number;
}

/**
 * Records the function never processed successfully, set aside after the retries ran out: those its
 * last invocation threw on, or named in `batchItemFailures`. (Lambda also moves past the records after
 * the lowest failure; those the function did not name had succeeded, so they are not set aside.)
 */
export interface DiscardedRecords {
  records: KinesisStreamRecord[];
  reason: string;
  /** The batch of the last invocation, which Lambda describes on the on-failure destination. */
  batch: KinesisStreamRecord[];
  /** Whether that invocation threw (a function error), rather than answering failures or an unreadable response. */
  functionError: boolean;
}

/**
 * Invoke `invoke` with `records` until every record has succeeded or has used up its retries.
 * - The function throws: with bisect on, the batch is split in two and each half is delivered on
 *   its own (splitting does not use up retries); a single record is retried `maxRetries` times.
 * - The function returns `batchItemFailures`: the records from the lowest failed sequence number on
 *   are retried (those before it succeeded), using up one retry.
 * Records still failing after the retries are discarded and returned, in stream order.
 *
 * @example
 * const discarded = await deliverKinesisBatch(records, (event) => handler(event, context), policy);
 */
export async function deliverKinesisBatch(
  records: KinesisStreamRecord[],
  invoke: (event: KinesisStreamEvent) => Promise<unknown>,
  policy: KinesisRetryPolicy,
): Promise<DiscardedRecords[]> {
  const discarded: DiscardedRecords[] = [];
  const attempt = async (batch: KinesisStreamRecord[], retriesLeft: number): Promise<void> => {
    let failedFrom: number;
    let reason: string;
    let functionError = true;
    /** The records the last invocation failed on (all of them when it threw). */
    let failing: (record: KinesisStreamRecord) => boolean = () => true;
    try {
      const response = await invoke({ Records: batch });
      // A response Lambda cannot read fails the batch too, but the function itself did not error.
      functionError = false;
      const outcome = batchOutcome(
        response,
        batch.map((record) => record.kinesis.sequenceNumber),
      );
      if (outcome.kind === "success") return;
      if (outcome.kind === "failure") throw new Error(outcome.reason);
      const failed = new Set(outcome.failed);
      failedFrom = batch.findIndex((record) => failed.has(record.kinesis.sequenceNumber));
      failing = (record) => failed.has(record.kinesis.sequenceNumber);
      reason = `reported as batch item failures (${outcome.failed.length})`;
    } catch (error) {
      reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (policy.bisectOnError && batch.length > 1) {
        const middle = Math.ceil(batch.length / 2);
        await attempt(batch.slice(0, middle), retriesLeft);
        await attempt(batch.slice(middle), retriesLeft);
        return;
      }
      failedFrom = 0;
    }
    const remaining = batch.slice(failedFrom);
    if (retriesLeft > 0) {
      await attempt(remaining, retriesLeft - 1);
    } else {
      discarded.push({ records: remaining.filter(failing), reason, batch: remaining, functionError });
    }
  };
  await attempt(records, policy.maxRetries);
  return discarded;
}
