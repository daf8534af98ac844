// Stopping DynamoDB's or Kinesis' emulator lets every request it has begun be answered before its store
// closes (dynalite 4.0 read its closed database and threw, killing npm start; kinesalite on disk would ask
// its closed LevelDB for an iterator), refuses requests made meanwhile, and does not wait for a request
// whose client went before sending all of it.

import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { type ClientRequest, createServer, type IncomingMessage, request, Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TABLES } from "@stock-patterns/core/catalog";
import { afterAll, describe, expect, it, vi } from "vitest";
import { dynamoDbClient } from "../resources/clients";
import { createTables } from "../resources/tables";
import { answerBeforeClose, STOPPING_REFUSAL } from "./answer-before-close";
import { startDynamoDb } from "./dynamodb";
import { startKinesis } from "./kinesis";
import { listen } from "./listen";

/** A call's headers as the AWS SDK sends them, as far as the emulators check (they take any signature). */
const signed = (target: string, contentType: string) => ({
  "content-type": contentType,
  "x-amz-target": target,
  "x-amz-date": "20261206T000000Z",
  authorization:
    "AWS4-HMAC-SHA256 Credential=local/20261206/us-east-1/x/aws4_request, SignedHeaders=host, Signature=0",
});

/** A call on its own connection, its body not yet ended; and its answer, when it comes. */
function beginCall(endpoint: string, call: EmulatorCall) {
  const sent: ClientRequest = request(endpoint, {
    method: "POST",
    agent: false,
    headers: { ...signed(call.target, call.contentType), "content-length": call.body.length },
  });
  const answer = once(sent, "response").then(async ([response]) => {
    const answered = response as IncomingMessage;
    let text = "";
    for await (const chunk of answered) text += chunk;
    return { status: answered.statusCode, body: text };
  });
  answer.catch(() => {});
  // Half the body now: the emulator has begun the request and cannot answer it until the rest arrives.
  const half = Math.floor(call.body.length / 2);
  sent.write(call.body.slice(0, half));
  return { sent, answer, finish: () => sent.end(call.body.slice(half)) };
}

interface EmulatorCall {
  target: string;
  contentType: string;
  body: string;
}

const until = async (holds: () => boolean) => {
  while (!holds()) await new Promise((resolve) => setTimeout(resolve, 5));
};

/** Requests any HTTP server in this process has begun (its "request" event), counted from the spy's start. */
const emitted = vi.spyOn(Server.prototype, "emit");
const requestsBegun = () => emitted.mock.calls.filter(([event]) => (event as string) === "request").length;
afterAll(() => emitted.mockRestore());

const kinesisDir = mkdtempSync(join(tmpdir(), "answer-before-close-"));
afterAll(() => rmSync(kinesisDir, { recursive: true, force: true }));

describe.each([
  {
    emulator: "DynamoDB's",
    start: async () => {
      const emulator = await startDynamoDb();
      const client = dynamoDbClient(emulator.endpoint);
      const tables = await createTables(client);
      client.destroy();
      const call: EmulatorCall = {
        target: "DynamoDB_20120810.Query",
        contentType: "application/x-amz-json-1.0",
        body: JSON.stringify({
          TableName: tables.TradingPatterns,
          KeyConditionExpression: "#id = :id",
          ExpressionAttributeNames: { "#id": TABLES.TradingPatterns.partitionKey },
          ExpressionAttributeValues: { ":id": { S: "none" } },
        }),
      };
      return { emulator, call, answered: { Count: 0, Items: [], ScannedCount: 0 } };
    },
  },
  {
    emulator: "Kinesis' (its streams on disk)",
    start: async () => ({
      emulator: await startKinesis(kinesisDir),
      call: {
        target: "Kinesis_20131202.ListStreams",
        contentType: "application/x-amz-json-1.1",
        body: JSON.stringify({ Limit: 10 }),
      },
      answered: { StreamNames: [], HasMoreStreams: false },
    }),
  },
])("stopping $emulator emulator", ({ start }) => {
  it("answers the request it had begun, refuses one made meanwhile, then closes", async () => {
    const { emulator, call, answered } = await start();
    const before = requestsBegun();
    const begun = beginCall(emulator.endpoint, call);
    await until(() => requestsBegun() === before + 1);
    let stopped = false;
    const stopping = emulator.stop().then(() => {
      stopped = true;
    });

    const meanwhile = beginCall(emulator.endpoint, call);
    meanwhile.finish();
    expect(await meanwhile.answer).toEqual({ status: STOPPING_REFUSAL.status, body: STOPPING_REFUSAL.body });
    expect(stopped).toBe(false);

    begun.finish();
    const answer = await begun.answer;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual(answered);
    await stopping;
    const after = beginCall(emulator.endpoint, call);
    after.finish();
    await expect(after.answer).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});

describe("stopping an emulator's server", () => {
  it("does not wait for a request whose client went before sending all of it", async () => {
    // A server that would never answer: only a client that went lets the stop end before its minute.
    const server = createServer(() => {});
    const stop = answerBeforeClose(server, 60_000);
    const endpoint = await listen(server);
    let begun = 0;
    server.on("request", () => begun++);
    const gone = beginCall(endpoint, {
      target: "DynamoDB_20120810.Query",
      contentType: "application/x-amz-json-1.0",
      body: JSON.stringify({ TableName: "TradingPatterns" }),
    });
    await until(() => begun === 1);
    gone.sent.destroy();
    await stop();
    expect(server.listening).toBe(false);
  });
});
