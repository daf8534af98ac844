// A market-data record the KinesisConsumer could not read, described whole: what arrived, where on the
// stream it sits, and why it was rejected, so a person can read it, fix the producer and replay it.

import type { SET_ASIDE_QUEUES } from "@stock-patterns/core/catalog";
import type { RejectedMarketRecord } from "@stock-patterns/core/contracts";
import type { KinesisStreamRecord } from "aws-lambda";

/** The RejectedMarketData message body: core's schema says what each field holds. */
export type { RejectedMarketRecord };

/**
 * Describes a rejected Kinesis record for the RejectedMarketData queue.
 *
 * @example
 * rejectedRecord(record, "data is not JSON", new Date());
 * // { data: "bm90IGpzb24=", partitionKey: "AAPL", sequenceNumber: "4959…", shardId: "shardId-000000000000", … }
 */
export function rejectedRecord(record: KinesisStreamRecord, reason: string, at: Date): RejectedMarketRecord {
  const { data, partitionKey, sequenceNumber, approximateArrivalTimestamp } = record.kinesis;
  const shard = record.eventID?.split(":")[0];
  return {
    data,
    partitionKey,
    sequenceNumber,
    eventID: record.eventID,
    eventSourceARN: record.eventSourceARN || undefined,
    shardId: shard?.startsWith("shardId-") ? shard : undefined,
    arrivedAt: Number.isFinite(approximateArrivalTimestamp)
      ? new Date(approximateArrivalTimestamp * 1000).toISOString()
      : undefined,
    reason,
    rejectedAt: at.toISOString(),
  };
}

/**
 * The most of a record's base64 data a log line carries (a multiple of 4: whole base64 groups): 192 bytes,
 * a bar's record whole (about 130), a longer one's start. 8,192 made a 900 KB record's line 8,803 bytes;
 * at 1-second bars a feed-wide fault prints thousands of these a second, and the record is whole elsewhere.
 */
export const LOGGED_DATA_CHARS = 256;

/** Where a rejected record is kept whole (the log line says so). */
const SET_ASIDE_ON: keyof typeof SET_ASIDE_QUEUES = "RejectedMarketData";

/**
 * What the log says about a rejected record: where it is and why, a preview of its data, and where it is
 * kept whole (`setAsideOn`). Longer data is cut to its first LOGGED_DATA_CHARS characters, and `dataBytes`
 * gives the record's size: a log line stays near 1 KB however long the record.
 *
 * @example
 * logger.warn("Malformed market data record", loggedReject(rejectedRecord(record, "data is not JSON", new Date())));
 */
export function loggedReject(rejected: RejectedMarketRecord) {
  const { eventID, sequenceNumber, partitionKey, data, reason } = rejected;
  const about = { eventID, sequenceNumber, partitionKey, reason, setAsideOn: SET_ASIDE_ON };
  if (data.length <= LOGGED_DATA_CHARS) return { ...about, data };
  return { ...about, data: data.slice(0, LOGGED_DATA_CHARS), dataBytes: Buffer.byteLength(data, "base64") };
}
