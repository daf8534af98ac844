// Stopping DynamoDB's emulator lets every request it has begun be answered before its database closes
// (dynalite 4.0 read its closed database and threw, killing npm start), refuses requests made meanwhile,
// and does not wait for a request whose client went before sending all of it.

import { once } from "node:events";
import { type ClientRequest, createServer, type IncomingMessage, request } from "node:http";
import { TABLES } from "@stock-patterns/core/catalog";
import { describe, expect, it } from "vitest";
import { dynamoDbClient } from "../resources/clients";
import { createTables } from "../resources/tables";
import { answerBeforeClose, STOPPING_REFUSAL } from "./answer-before-close";
import { startDynamoDb } from "./dynamodb";
import { listen } from "./listen";

/** Headers the AWS SDK sends that dynalite checks are there (it takes any signature). */
const SIGNED = {
  "content-type": "application/x-amz-json-1.0",
  "x-amz-date": "20261206T000000Z",
  authorization:
    "AWS4-HMAC-SHA256 Credential=local/20261206/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
};

/** A Query of TradingPatterns on its own connection, its body not yet ended; and its answer, when it comes. */
function beginQuery(endpoint: string, tableName: string) {
  const body = JSON.stringify({
    TableName: tableName,
    KeyConditionExpression: "#id = :id",
    ExpressionAttributeNames: { "#id": TABLES.TradingPatterns.partitionKey },
    ExpressionAttributeValues: { ":id": { S: "none" } },
  });
  const call: ClientRequest = request(endpoint, {
    method: "POST",
    agent: false,
    headers: { ...SIGNED, "x-amz-target": "DynamoDB_20120810.Query", "content-length": body.length },
  });
  const answer = once(call, "response").then(async ([response]) => {
    const answered = response as IncomingMessage;
    let text = "";
    for await (const chunk of answered) text += chunk;
    return { status: answered.statusCode, body: text };
  });
  answer.catch(() => {});
  // Half the body now: the emulator has begun the request and cannot answer it until the rest arrives.
  call.write(body.slice(0, 10));
  return { call, answer, finish: () => call.end(body.slice(10)) };
}

const until = async (holds: () => boolean) => {
  while (!holds()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe("stopping DynamoDB's emulator", () => {
  it("answers the request it had begun, refuses one made meanwhile, then closes", async () => {
    const emulator = await startDynamoDb();
    const client = dynamoDbClient(emulator.endpoint);
    const tables = await createTables(client);
    client.destroy();
    const begun = beginQuery(emulator.endpoint, tables.TradingPatterns);
    await until(() => emulator.calls().Query === 1);
    let stopped = false;
    const stopping = emulator.stop().then(() => {
      stopped = true;
    });

    const meanwhile = beginQuery(emulator.endpoint, tables.TradingPatterns);
    meanwhile.finish();
    expect(await meanwhile.answer).toEqual({ status: STOPPING_REFUSAL.status, body: STOPPING_REFUSAL.body });
    expect(stopped).toBe(false);

    begun.finish();
    const answered = await begun.answer;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body)).toEqual({ Count: 0, Items: [], ScannedCount: 0 });
    await stopping;
    const after = beginQuery(emulator.endpoint, tables.TradingPatterns);
    after.finish();
    await expect(after.answer).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("does not wait for a request whose client went before sending all of it", async () => {
    // A server that would never answer: only a client that went lets the stop end before its minute.
    const server = createServer(() => {});
    const stop = answerBeforeClose(server, 60_000);
    const endpoint = await listen(server);
    let begun = 0;
    server.on("request", () => begun++);
    const gone = beginQuery(endpoint, "TradingPatterns");
    await until(() => begun === 1);
    gone.call.destroy();
    await stop();
    expect(server.listening).toBe(false);
  });
});
