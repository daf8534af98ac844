// Every resource of the system, created in the emulators from the catalog, as one description the rest reads.

import type { TableName } from "@stock-patterns/core/catalog";
import { dynamoDbClient, kinesisClient, LOCAL_ACCOUNT, LOCAL_REGION, snsClient, sqsClient } from "./clients";
import { createMessaging, type MessagingResources } from "./messaging";
import { createStream, type StreamResource } from "./stream";
import { createTables } from "./tables";

/** The resources of one local system. */
export interface LocalResources {
  tables: Record<TableName, string>;
  stream: StreamResource;
  messaging: MessagingResources;
  stateMachine: { name: string; arn: string };
  /** The function every workflow task invokes. */
  patternDetectorArn: string;
}

/**
 * Create every table, the stream, every queue with its DLQ, every set-aside queue, every topic, and name
 * the state machine.
 *
 * @example
 * const resources = await createResources({ dynamodb, kinesis, sqs, sns });
 */
export async function createResources(endpoints: {
  dynamodb: string;
  kinesis: string;
  sqs: string;
  sns: string;
}): Promise<LocalResources> {
  const dynamo = dynamoDbClient(endpoints.dynamodb);
  const kinesis = kinesisClient(endpoints.kinesis);
  const sqs = sqsClient(endpoints.sqs);
  const sns = snsClient(endpoints.sns);
  try {
    const tables = await createTables(dynamo);
    const stream = await createStream(kinesis);
    const messaging = await createMessaging(sqs, sns);
    const name = "PatternAnalysisWorkflow";
    return {
      tables,
      stream,
      messaging,
      stateMachine: { name, arn: `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}` },
      patternDetectorArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:PatternDetector`,
    };
  } finally {
    for (const client of [dynamo, kinesis, sqs, sns]) client.destroy();
  }
}
