// The AWS services the handlers call, as in-process servers speaking the real wire protocols, provisioned
// from the resource catalog. Tests point the handlers' own SDK clients at them through AWS_ENDPOINT_URL_*.

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateStreamCommand, DescribeStreamCommand, KinesisClient } from "@aws-sdk/client-kinesis";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import {
  QUEUES,
  SET_ASIDE_QUEUES,
  STREAM,
  TABLES,
  type TableSpec,
  TOPICS,
} from "@stock-patterns/core/catalog";
import dynalite from "dynalite";
import { buildApp } from "fauxqs";
import kinesalite from "kinesalite";

/** Dummy credentials and region: the emulators accept any signature. */
export const TEST_AWS = {
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
};

export interface Emulators {
  /** Environment for the handlers: endpoints, credentials, SST_RESOURCE_* links, tap queue URLs. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** CreateTable input for a catalog table (on-demand, with its indexes). */
export function createTableInput(name: string, spec: TableSpec) {
  const key = (partitionKey: string, sortKey?: string) => [
    { AttributeName: partitionKey, KeyType: "HASH" as const },
    ...(sortKey ? [{ AttributeName: sortKey, KeyType: "RANGE" as const }] : []),
  ];
  return {
    TableName: name,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: Object.entries(spec.attributes).map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType,
    })),
    KeySchema: key(spec.partitionKey, spec.sortKey),
    GlobalSecondaryIndexes: spec.indexes?.map((index) => ({
      IndexName: index.name,
      KeySchema: key(index.partitionKey, index.sortKey),
      Projection: { ProjectionType: "ALL" as const },
    })),
  };
}

async function provisionTables(endpoint: string, env: Record<string, string>): Promise<void> {
  const client = new DynamoDBClient({ ...TEST_AWS, endpoint });
  for (const [name, spec] of Object.entries(TABLES)) {
    await client.send(new CreateTableCommand(createTableInput(name, spec)));
    env[`SST_RESOURCE_${name}`] = JSON.stringify({ name });
  }
  client.destroy();
}

async function provisionMessaging(endpoint: string, env: Record<string, string>): Promise<void> {
  const sqs = new SQSClient({ ...TEST_AWS, endpoint });
  const sns = new SNSClient({ ...TEST_AWS, endpoint });
  const arnOf = async (url: string) =>
    (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] })))
      .Attributes?.QueueArn as string;
  for (const [name, spec] of Object.entries(QUEUES)) {
    const dlq = await sqs.send(
      new CreateQueueCommand({
        QueueName: `${name}-dlq`,
        Attributes: { MessageRetentionPeriod: String(spec.deadLetterRetentionSeconds) },
      }),
    );
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: {
          VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
          MessageRetentionPeriod: String(spec.retentionSeconds),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: await arnOf(dlq.QueueUrl as string),
            maxReceiveCount: spec.maxReceiveCount,
          }),
        },
      }),
    );
    env[`SST_RESOURCE_${name}`] = JSON.stringify({ url: queue.QueueUrl });
    env[`TEST_DLQ_${name}`] = dlq.QueueUrl as string;
  }
  for (const [name, spec] of Object.entries(SET_ASIDE_QUEUES)) {
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: { MessageRetentionPeriod: String(spec.retentionSeconds) },
      }),
    );
    env[`SST_RESOURCE_${name}`] = JSON.stringify({ url: queue.QueueUrl });
  }
  for (const name of TOPICS) {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: name }));
    env[`SST_RESOURCE_${name}`] = JSON.stringify({ arn: TopicArn });
    // A queue subscribed to the topic, so tests can read what was published.
    const tap = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-tap` }));
    await sns.send(
      new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: await arnOf(tap.QueueUrl as string) }),
    );
    env[`TEST_TAP_${name}`] = tap.QueueUrl as string;
  }
  sqs.destroy();
  sns.destroy();
}

async function provisionStream(endpoint: string, env: Record<string, string>): Promise<void> {
  const client = new KinesisClient({ ...TEST_AWS, endpoint, requestHandler: new NodeHttpHandler() });
  await client.send(new CreateStreamCommand({ StreamName: STREAM.name, ShardCount: STREAM.localShardCount }));
  for (;;) {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamName: STREAM.name }));
    if (StreamDescription?.StreamStatus === "ACTIVE") break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  env[`SST_RESOURCE_${STREAM.name}`] = JSON.stringify({ name: STREAM.name });
  client.destroy();
}

/**
 * Starts dynalite (in memory), kinesalite and fauxqs (SQS + SNS) on 127.0.0.1 ports chosen by the OS,
 * creates every table, queue (with its DLQ), set-aside queue, topic and the stream of the catalog,
 * and returns the environment the handlers need. Call `stop()` when done.
 *
 * @example
 * const aws = await startEmulators();
 * Object.assign(process.env, aws.env);
 */
export async function startEmulators(): Promise<Emulators> {
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const kinesis = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0 });
  // fauxqs's own starter binds every interface; its app, listened here, is the same emulator.
  const fauxqs = buildApp({ logger: false });
  const messagingUrl = (await fauxqs.listen({ port: 0, host: "127.0.0.1" })).replace(
    "localhost",
    "127.0.0.1",
  );
  const [dynamoUrl, kinesisUrl] = await Promise.all([listen(dynamo), listen(kinesis)]);
  const env: Record<string, string> = {
    AWS_REGION: TEST_AWS.region,
    AWS_ACCESS_KEY_ID: TEST_AWS.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_AWS.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoUrl,
    AWS_ENDPOINT_URL_KINESIS: kinesisUrl,
    AWS_ENDPOINT_URL_SQS: messagingUrl,
    AWS_ENDPOINT_URL_SNS: messagingUrl,
  };
  await Promise.all([
    provisionTables(dynamoUrl, env),
    provisionMessaging(messagingUrl, env),
    provisionStream(kinesisUrl, env),
  ]);
  return {
    env,
    async stop() {
      await Promise.all([close(dynamo), close(kinesis), fauxqs.close()]);
    },
  };
}
