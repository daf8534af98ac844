// SQS messages as ReceiveMessage returns them, turned into the records of a Lambda SQS event.

import type { Message } from "@aws-sdk/client-sqs";
import { LOCAL_REGION } from "@stock-patterns/emulators";
import type { SQSMessageAttributes, SQSRecord, SQSRecordAttributes } from "aws-lambda";

function messageAttributes(message: Message): SQSMessageAttributes {
  const attributes: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    attributes[name] = {
      dataType: value.DataType ?? "String",
      stringValue: value.StringValue,
      binaryValue: value.BinaryValue ? Buffer.from(value.BinaryValue).toString("base64") : undefined,
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map((item) => Buffer.from(item).toString("base64")),
    };
  }
  return attributes;
}

/**
 * The Lambda event record of one received message of the queue `queueArn`.
 *
 * @example
 * const event = { Records: messages.map((message) => sqsEventRecord(message, queue.arn)) };
 */
export function sqsEventRecord(message: Message, queueArn: string): SQSRecord {
  const received = message.Attributes ?? {};
  const attributes: SQSRecordAttributes = {
    ApproximateReceiveCount: received.ApproximateReceiveCount ?? "1",
    SentTimestamp: received.SentTimestamp ?? String(Date.now()),
    SenderId: received.SenderId ?? "",
    ApproximateFirstReceiveTimestamp: received.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
  };
  return {
    messageId: message.MessageId ?? "",
    receiptHandle: message.ReceiptHandle ?? "",
    body: message.Body ?? "",
    attributes,
    messageAttributes: messageAttributes(message),
    md5OfBody: message.MD5OfBody ?? "",
    eventSource: "aws:sqs",
    eventSourceARN: queueArn,
    awsRegion: LOCAL_REGION,
  };
}
