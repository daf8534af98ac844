// The local resources are the catalog's, as the emulators report them back: every table with its keys
// and indexes, the stream's shards, every queue with its redrive policy and DLQ, every set-aside queue
// (RejectedMarketData) with its retention, every topic with its tap; and outputs.json, written from them,
// answers each path the docs read from it with jq.

import { readdirSync, readFileSync } from "node:fs";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { ListSubscriptionsByTopicCommand } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import {
  type IndexSpec,
  projectionOf,
  QUEUES,
  SET_ASIDE_QUEUES,
  STREAM,
  TABLES,
  TOPICS,
} from "@stock-patterns/core/catalog";
import {
  createResources,
  dynamoDbClient,
  type Emulator,
  kinesisClient,
  type LocalResources,
  snsClient,
  sqsClient,
  startDynamoDb,
  startKinesis,
  startMessaging,
} from "@stock-patterns/emulators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sstLinks } from "./environment";
import { localOutputs } from "./outputs";

const emulators: Emulator[] = [];
let endpoints: { dynamodb: string; kinesis: string; sqs: string; sns: string };
let resources: LocalResources;

beforeAll(async () => {
  const [dynamo, kinesis, messaging] = await Promise.all([startDynamoDb(), startKinesis(), startMessaging()]);
  emulators.push(dynamo, kinesis, messaging);
  endpoints = {
    dynamodb: dynamo.endpoint,
    kinesis: kinesis.endpoint,
    sqs: messaging.endpoint,
    sns: messaging.endpoint,
  };
  resources = await createResources(endpoints);
});

afterAll(async () => {
  for (const emulator of emulators) await emulator.stop();
});

const keys = (partitionKey: string, sortKey?: string) => [
  { AttributeName: partitionKey, KeyType: "HASH" },
  ...(sortKey ? [{ AttributeName: sortKey, KeyType: "RANGE" }] : []),
];

describe("createResources", () => {
  it("creates every catalog table with its keys and indexes", async () => {
    const dynamo = dynamoDbClient(endpoints.dynamodb);
    expect(Object.keys(resources.tables).sort()).toEqual(Object.keys(TABLES).sort());
    for (const [name, spec] of Object.entries(TABLES)) {
      const { Table } = await dynamo.send(
        new DescribeTableCommand({ TableName: resources.tables[name as keyof typeof TABLES] }),
      );
      const sortKey = "sortKey" in spec ? spec.sortKey : undefined;
      expect(Table?.KeySchema, name).toEqual(keys(spec.partitionKey, sortKey));
      const indexes = "indexes" in spec ? spec.indexes : [];
      expect(
        (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
          name: index.IndexName,
          keys: index.KeySchema,
          projection: index.Projection,
        })),
        name,
      ).toEqual(
        indexes.map((index: IndexSpec) => {
          const { type, nonKeyAttributes } = projectionOf(index);
          return {
            name: index.name,
            keys: keys(index.partitionKey, index.sortKey),
            projection: {
              ProjectionType: type,
              ...(nonKeyAttributes ? { NonKeyAttributes: [...nonKeyAttributes] } : {}),
            },
          };
        }),
      );
    }
    dynamo.destroy();
  });

  it("creates the stream with the catalog's local shard count", async () => {
    const kinesis = kinesisClient(endpoints.kinesis);
    const { StreamDescriptionSummary } = await kinesis.send(
      new DescribeStreamSummaryCommand({ StreamName: resources.stream.name }),
    );
    expect(resources.stream.name).toBe(STREAM.name);
    expect(StreamDescriptionSummary?.OpenShardCount).toBe(STREAM.localShardCount);
    expect(resources.stream.shardIds).toHaveLength(STREAM.localShardCount);
    kinesis.destroy();
  });

  it("creates every catalog queue with the catalog's timeouts and redrive to its own DLQ", async () => {
    const sqs = sqsClient(endpoints.sqs);
    expect(Object.keys(resources.messaging.queues).sort()).toEqual(Object.keys(QUEUES).sort());
    for (const [name, spec] of Object.entries(QUEUES)) {
      const queue = resources.messaging.queues[name as keyof typeof QUEUES];
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ["All"] }),
      );
      expect(Attributes.VisibilityTimeout, name).toBe(String(spec.visibilityTimeoutSeconds));
      expect(Attributes.MessageRetentionPeriod, name).toBe(String(spec.retentionSeconds));
      expect(JSON.parse(Attributes.RedrivePolicy ?? "{}"), name).toEqual({
        deadLetterTargetArn: queue.deadLetter.arn,
        maxReceiveCount: spec.maxReceiveCount,
      });
      expect(queue.deadLetter.name).toBe(`${name}DLQ`);
      const dlq = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.deadLetter.url, AttributeNames: ["All"] }),
      );
      expect(dlq.Attributes?.MessageRetentionPeriod, `${name}DLQ`).toBe(
        String(spec.deadLetterRetentionSeconds),
      );
    }
    sqs.destroy();
  });

  it("creates every set-aside queue (RejectedMarketData) with the catalog's retention and no redrive", async () => {
    const sqs = sqsClient(endpoints.sqs);
    expect(Object.keys(resources.messaging.setAsideQueues).sort()).toEqual(
      Object.keys(SET_ASIDE_QUEUES).sort(),
    );
    expect(Object.keys(SET_ASIDE_QUEUES)).toContain("RejectedMarketData");
    for (const [name, spec] of Object.entries(SET_ASIDE_QUEUES)) {
      const queue = resources.messaging.setAsideQueues[name as keyof typeof SET_ASIDE_QUEUES];
      expect(queue.name).toBe(name);
      expect(queue.arn).toBe(`arn:aws:sqs:us-east-1:000000000000:${name}`);
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ["All"] }),
      );
      expect(Attributes.MessageRetentionPeriod, name).toBe(String(spec.retentionSeconds));
      expect(Attributes.RedrivePolicy, name).toBeUndefined();
    }
    expect(sstLinks(resources, "[]").SST_RESOURCE_RejectedMarketData).toBe(
      JSON.stringify({ url: resources.messaging.setAsideQueues.RejectedMarketData.url }),
    );
    sqs.destroy();
  });

  it("creates every catalog topic, each subscribed to by its local tap queue", async () => {
    const sns = snsClient(endpoints.sns);
    expect(Object.keys(resources.messaging.topics).sort()).toEqual([...TOPICS].sort());
    for (const name of TOPICS) {
      const { Subscriptions = [] } = await sns.send(
        new ListSubscriptionsByTopicCommand({ TopicArn: resources.messaging.topics[name] }),
      );
      expect(Subscriptions.map((s) => [s.Protocol, s.Endpoint?.split(":").at(-1)])).toEqual([
        ["sqs", `${name}LocalTap`],
      ]);
    }
    sns.destroy();
  });

  it("reuses what already exists (a data directory's tables and stream)", async () => {
    const again = await createResources(endpoints);
    expect(again.tables).toEqual(resources.tables);
    expect(again.stream).toEqual(resources.stream);
  });
});

/** Every `jq -r PATH .local/outputs.json` of the README and docs/*.md, as PATH. */
function documentedOutputPaths(): string[] {
  const root = new URL("../../../../", import.meta.url);
  const pages = ["README.md", ...readdirSync(new URL("docs/", root)).map((name) => `docs/${name}`)];
  const paths = pages.flatMap((page) =>
    [...readFileSync(new URL(page, root), "utf8").matchAll(/jq -r (\.[\w.]+) \.local\/outputs\.json/g)].map(
      ([, path = ""]) => path,
    ),
  );
  return [...new Set(paths)];
}

describe("outputs.json", () => {
  it("answers a string at each path the docs read from it with jq", () => {
    const all = { ...endpoints, stepfunctions: "http://127.0.0.1:4599" };
    const outputs = localOutputs(
      "http://127.0.0.1:3000",
      { reader: "r", analyst: "n", approver: "a" },
      all,
      resources,
    );
    const paths = documentedOutputPaths();
    expect(paths.length).toBeGreaterThan(5);
    const unanswered = paths.filter((path) => {
      const value = path
        .slice(1)
        .split(".")
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], outputs);
      return typeof value !== "string" || value === "";
    });
    expect(unanswered).toEqual([]);
  });
});
