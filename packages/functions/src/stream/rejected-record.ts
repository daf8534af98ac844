// A market-data record the KinesisConsumer could not read, described whole: what arrived, where on the
// stream it sits, and why it was rejected, so a person can read it, fix the producer and replay it.

import type { KinesisStreamRecord } from "aws-lambda";

/** The RejectedMarketData message body: one rejected record, nothing dropped from what arrived. */
export interface RejectedMarketRecord {
  /** The record's data exactly as Kinesis delivered it (base64). */
  data: string;
  partitionKey: string;
  sequenceNumber: string;
  /** `<shardId>:<sequenceNumber>` as Lambda names the record. */
  eventID: string;
  /** The stream (or its enhanced fan-out consumer) the record came from, when the event says. */
  eventSourceARN?: string;
  /** The shard the record is on, when the eventID names it. */
  shardId?: string;
  /** When Kinesis received the record (ISO 8601). */
  arrivedAt?: string;
  /** What is wrong with it, e.g. `data is not JSON` or `close: Too small: expected number to be >0`. */
  reason: string;
  /** When the KinesisConsumer rejected it (ISO 8601). */
  rejectedAt: string;
}

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
