// Lambda's payload limit on a stream batch: a batch stops short of it, whatever its count.

import type { KinesisStreamRecord } from "aws-lambda";

/**
 * The payload limit of a synchronous invocation (6 MB): Lambda passes a batch's records to the function
 * in one call up to it (https://docs.aws.amazon.com/lambda/latest/dg/API_EventSourceMappingConfiguration.html,
 * BatchSize), so a batch of large records holds fewer than the batch size.
 */
export const INVOCATION_PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024;

/** The event's bytes around its records: `{"Records":[` and `]}`. */
const EVENT_FRAME_BYTES = '{"Records":[]}'.length;

/** Each record's bytes in the event, measured once (a reader looks at its pending records on every read). */
const measured = new WeakMap<KinesisStreamRecord, number>();
function recordBytes(record: KinesisStreamRecord): number {
  let bytes = measured.get(record);
  if (bytes === undefined) {
    bytes = Buffer.byteLength(JSON.stringify(record));
    measured.set(record, bytes);
  }
  return bytes;
}

/**
 * How many of `pending` (in order) the next batch takes: at most `batchSize`, and as many as fit in the
 * payload limit as one event, but always the first (a record alone is delivered whatever its size).
 *
 * @example
 * pending.splice(0, recordsThatFit(pending, 2500)); // the next batch
 */
export function recordsThatFit(pending: readonly KinesisStreamRecord[], batchSize: number): number {
  let bytes = EVENT_FRAME_BYTES;
  let count = 0;
  for (const record of pending) {
    if (count === batchSize) break;
    // Each record with the comma that separates it from the previous one.
    bytes += recordBytes(record) + (count > 0 ? 1 : 0);
    if (count > 0 && bytes > INVOCATION_PAYLOAD_LIMIT_BYTES) break;
    count++;
  }
  return count;
}
