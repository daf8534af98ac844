// startServices' ports: fresh, empty emulators where an earlier run's clients still point.

import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { ListQueuesCommand } from "@aws-sdk/client-sqs";
import { afterEach, describe, expect, it } from "vitest";
import { dynamoDbClient, kinesisClient, sqsClient } from "./resources/clients";
import { createResources } from "./resources/resources";
import { type Services, startServices } from "./services";

const portOf = (endpoint: string) => Number(new URL(endpoint).port);
let running: Services | undefined;

afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe("startServices with ports", () => {
  it("listens on the ports of a stopped run, holding none of its tables, streams or queues", async () => {
    const first = await startServices();
    const { endpoints } = first;
    await createResources(endpoints);
    await first.stop();

    running = await startServices(undefined, {
      dynamodb: portOf(endpoints.dynamodb),
      kinesis: portOf(endpoints.kinesis),
      messaging: portOf(endpoints.sqs),
    });
    expect(running.endpoints).toEqual(endpoints);
    const dynamo = dynamoDbClient(endpoints.dynamodb);
    const kinesis = kinesisClient(endpoints.kinesis);
    const sqs = sqsClient(endpoints.sqs);
    try {
      expect((await dynamo.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      expect((await kinesis.send(new ListStreamsCommand({}))).StreamNames).toEqual([]);
      expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).toEqual([]);
    } finally {
      for (const client of [dynamo, kinesis, sqs]) client.destroy();
    }
  });

  it("refuses a port another server holds, naming the error", async () => {
    running = await startServices();
    const taken = portOf(running.endpoints.kinesis);
    await expect(startServices(undefined, { kinesis: taken })).rejects.toThrow(/EADDRINUSE.*\d+/);
  });
});
