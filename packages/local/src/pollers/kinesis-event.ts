// Kinesis records as GetRecords returns them, turned into the records of a Lambda Kinesis event.

import type { _Record } from "@aws-sdk/client-kinesis";
import { LOCAL_ACCOUNT, LOCAL_REGION } from "@stock-patterns/emulators";
import type { KinesisStreamRecord } from "aws-lambda";

/**
 * The Lambda event record of one stream record read from `shardId` of the stream `streamArn`.
 *
 * @example
 * const event = { Records: records.map((record) => kinesisEventRecord(record, shardId, stream.arn, "KinesisConsumer")) };
 */
export function kinesisEventRecord(
  record: _Record,
  shardId: string,
  streamArn: string,
  functionName: string,
): KinesisStreamRecord {
  const sequenceNumber = record.SequenceNumber ?? "";
  return {
    kinesis: {
      kinesisSchemaVersion: "1.0",
      partitionKey: record.PartitionKey ?? "",
      sequenceNumber,
      data: Buffer.from(record.Data ?? new Uint8Array()).toString("base64"),
      approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp ?? new Date()).getTime() / 1000,
    },
    eventSource: "aws:kinesis",
    eventVersion: "1.0",
    eventID: `${shardId}:${sequenceNumber}`,
    eventName: "aws:kinesis:record",
    invokeIdentityArn: `arn:aws:iam::${LOCAL_ACCOUNT}:role/${functionName}`,
    awsRegion: LOCAL_REGION,
    eventSourceARN: streamArn,
  };
}
