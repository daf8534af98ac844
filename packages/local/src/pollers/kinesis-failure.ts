// What Lambda sends a Kinesis mapping's on-failure destination for a batch it gave up on.

import { randomUUID } from "node:crypto";
import { LOCAL_ACCOUNT, LOCAL_REGION } from "@stock-patterns/emulators";
import type { DiscardedRecords } from "./kinesis-delivery";

/**
 * The invocation record of a discarded batch, shaped as Lambda documents it for Kinesis
 * (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html): the batch is named
 * by shard and sequence numbers, its records are not included (they stay on the stream until it trims them).
 */
export interface KinesisFailureRecord {
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: "RetryAttemptsExhausted";
    approximateInvokeCount: number;
  };
  responseContext: { statusCode: 200; executedVersion: string; functionError?: "Unhandled" };
  version: "1.0";
  timestamp: string;
  KinesisBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

/** Where the batch came from and how often the mapping invoked it. */
export interface FailedBatchSource {
  functionName: string;
  shardId: string;
  streamArn: string;
  maxRetries: number;
}

/** A stream record's arrival time (seconds, as the event carries it) as ISO text. */
const arrival = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * The record Lambda would send for `discarded`, the batch of its last invocation.
 *
 * @example
 * const body = JSON.stringify(kinesisFailureRecord(discarded, { functionName, shardId, streamArn, maxRetries: 3 }));
 */
export function kinesisFailureRecord(
  discarded: DiscardedRecords,
  source: FailedBatchSource,
): KinesisFailureRecord {
  const first = discarded.batch[0];
  const last = discarded.batch.at(-1);
  if (!first || !last) throw new Error("a discarded batch holds at least one record");
  return {
    requestContext: {
      requestId: randomUUID(),
      functionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${source.functionName}`,
      condition: "RetryAttemptsExhausted",
      // The first invocation and every retry; splitting a batch in two uses no retry.
      approximateInvokeCount: source.maxRetries + 1,
    },
    responseContext: {
      statusCode: 200,
      executedVersion: "$LATEST",
      ...(discarded.functionError ? { functionError: "Unhandled" as const } : {}),
    },
    version: "1.0",
    timestamp: new Date().toISOString(),
    KinesisBatchInfo: {
      shardId: source.shardId,
      startSequenceNumber: first.kinesis.sequenceNumber,
      endSequenceNumber: last.kinesis.sequenceNumber,
      approximateArrivalOfFirstRecord: arrival(first.kinesis.approximateArrivalTimestamp),
      approximateArrivalOfLastRecord: arrival(last.kinesis.approximateArrivalTimestamp),
      batchSize: discarded.batch.length,
      streamArn: source.streamArn,
    },
  };
}
