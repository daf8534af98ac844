// The lanes a shard's records go out in under a parallelization factor: Lambda processes up to that many
// batches of one shard at once, each partition key's records in order
// (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis-parallelization.html). A key's records all go
// to one lane, delivered a batch at a time, so they stay in order; AWS does not say how it assigns keys,
// and the MD5 of the key, as Kinesis uses to assign keys to shards, spreads them evenly.

import { createHash } from "node:crypto";
import type { KinesisStreamRecord } from "aws-lambda";

/** One lane of a shard: the records waiting for its next batch, and the batch being delivered, if one is. */
export interface Lane {
  pending: KinesisStreamRecord[];
  /** When the first record now pending was read (ms), for the batching window. */
  firstPendingAt: number;
  delivering?: Promise<void>;
}

/**
 * `factor` empty lanes (1 to 10, as Lambda takes).
 *
 * @example
 * lanes(3).length // 3
 */
export function lanes(factor: number): Lane[] {
  if (!Number.isInteger(factor) || factor < 1 || factor > 10) {
    throw new RangeError(`a parallelization factor is a whole number from 1 to 10, got ${factor}`);
  }
  return Array.from({ length: factor }, () => ({ pending: [], firstPendingAt: 0 }));
}

/**
 * The lane of `count` a partition key's records go to.
 *
 * @example
 * laneOf("AAPL", 3) // the same lane for every AAPL record
 */
export function laneOf(partitionKey: string, count: number): number {
  if (count === 1) return 0;
  return createHash("md5").update(partitionKey).digest().readUInt32BE(0) % count;
}
