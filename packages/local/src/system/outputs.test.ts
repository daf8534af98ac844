// outputs.json gives every queue's URL under the key a deployed stage's outputs use (core's QUEUE_URL_OUTPUTS),
// so one jq path reads a dead-letter or set-aside queue from .sst/outputs.json and .local/outputs.json alike.

import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { QUEUE_URL_OUTPUTS, QUEUES } from "@stock-patterns/core/catalog";
import {
  createResources,
  type Emulator,
  type Endpoints,
  type LocalResources,
  sqsClient,
  startDynamoDb,
  startKinesis,
  startMessaging,
} from "@stock-patterns/emulators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalOutputs, localOutputs } from "./outputs";

const emulators: Emulator[] = [];
let sqs: SQSClient;
let resources: LocalResources;
let outputs: LocalOutputs;

beforeAll(async () => {
  const [dynamo, kinesis, messaging] = await Promise.all([startDynamoDb(), startKinesis(), startMessaging()]);
  emulators.push(dynamo, kinesis, messaging);
  const endpoints: Endpoints = {
    dynamodb: dynamo.endpoint,
    kinesis: kinesis.endpoint,
    sqs: messaging.endpoint,
    sns: messaging.endpoint,
    stepfunctions: "http://127.0.0.1:1",
  };
  resources = await createResources(endpoints);
  sqs = sqsClient(messaging.endpoint);
  outputs = localOutputs(
    "http://127.0.0.1:2",
    { reader: "r", analyst: "n", approver: "a" },
    endpoints,
    resources,
  );
});

afterAll(async () => {
  sqs.destroy();
  for (const emulator of emulators) await emulator.stop();
});

async function attribute(url: string, name: "QueueArn" | "RedrivePolicy"): Promise<string> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [name] }),
  );
  return Attributes?.[name] ?? "";
}

describe("localOutputs", () => {
  it.each(Object.entries(QUEUE_URL_OUTPUTS))(
    "gives %s's URL as %s, a queue SQS answers for",
    async (queue, key) => {
      const url = outputs[key];
      expect(url).toMatch(new RegExp(`/${queue}$`));
      expect(await attribute(url, "QueueArn")).toMatch(new RegExp(`:${queue}$`));
    },
  );

  it.each(Object.keys(QUEUES) as (keyof typeof QUEUES)[])(
    "gives as %s's dead-letter URL the queue its redrive policy names",
    async (queue) => {
      const source = outputs[QUEUE_URL_OUTPUTS[queue]];
      const deadLetters = outputs[QUEUE_URL_OUTPUTS[`${queue}DLQ`]];
      const { deadLetterTargetArn } = JSON.parse(await attribute(source, "RedrivePolicy"));
      expect(await attribute(deadLetters, "QueueArn")).toBe(deadLetterTargetArn);
      expect(deadLetters).toBe(resources.messaging.queues[queue].deadLetter.url);
    },
  );
});
