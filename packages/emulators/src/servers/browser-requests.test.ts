// The emulators take any credentials, so a web page the developer has open must not reach them: a browser's
// request carries an Origin (and Sec-Fetch-Site) that the AWS SDK and CLI never send.

import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { ListTopicsCommand } from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamoDbClient, kinesisClient, snsClient } from "../resources/clients";
import { createResources } from "../resources/resources";
import { type Services, startServices } from "../services";

let services: Services;

beforeAll(async () => {
  services = await startServices();
  await createResources(services.endpoints);
});

afterAll(async () => {
  await services?.stop();
});

const PAGE = "https://page.example";

/** Headers a page can set on its own: the emulators check only that a signature is there, not what it signs. */
const SIGNED = {
  "x-amz-date": "20261205T000000Z",
  authorization:
    "AWS4-HMAC-SHA256 Credential=local/20261205/us-east-1/x/aws4_request, SignedHeaders=host, Signature=0",
};

/** What a page's `fetch` sends to a JSON-protocol service: its preflight, then the call itself. */
async function fromPage(endpoint: string, target: string, contentType: string, body: string) {
  const preflight = await fetch(endpoint, {
    method: "OPTIONS",
    headers: {
      origin: PAGE,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization,content-type,x-amz-date,x-amz-target",
      "sec-fetch-mode": "cors",
      "sec-fetch-site": "cross-site",
    },
  });
  const call = await fetch(endpoint, {
    method: "POST",
    headers: {
      origin: PAGE,
      "sec-fetch-mode": "cors",
      "sec-fetch-site": "cross-site",
      "content-type": contentType,
      "x-amz-target": target,
      ...SIGNED,
    },
    body,
  });
  return { preflight, call, callBody: await call.text() };
}

describe("a request from a web page", () => {
  it.each([
    {
      service: "DynamoDB",
      endpoint: () => services.endpoints.dynamodb,
      target: "DynamoDB_20120810.Scan",
      contentType: "application/x-amz-json-1.0",
      body: JSON.stringify({ TableName: "ApprovalTracking" }),
      held: "Items",
    },
    {
      service: "Kinesis",
      endpoint: () => services.endpoints.kinesis,
      target: "Kinesis_20131202.ListStreams",
      contentType: "application/x-amz-json-1.1",
      body: "{}",
      held: "MarketDataStream",
    },
  ])("is refused by $service's emulator, preflight and call, with no CORS grant", async (page) => {
    const { preflight, call, callBody } = await fromPage(
      page.endpoint(),
      page.target,
      page.contentType,
      page.body,
    );
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(call.status).toBe(403);
    expect(call.headers.get("access-control-allow-origin")).toBeNull();
    expect(callBody).not.toContain(page.held);
  });

  it("is refused by the SNS and SQS emulator: a form POST needs no preflight, so the call itself", async () => {
    const before = services.messagingCalls().ListTopics ?? 0;
    const call = await fetch(services.endpoints.sns, {
      method: "POST",
      headers: {
        origin: PAGE,
        "sec-fetch-mode": "no-cors",
        "sec-fetch-site": "cross-site",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "Action=ListTopics",
    });
    expect(call.status).toBe(403);
    expect(await call.text()).not.toContain("TradingAlerts");
    expect(services.messagingCalls().ListTopics ?? 0).toBe(before);
  });

  it("is refused when it carries only Sec-Fetch-Site (a same-origin or no-cors read sends no Origin)", async () => {
    const call = await fetch(services.endpoints.dynamodb, {
      method: "POST",
      headers: {
        ...SIGNED,
        "sec-fetch-site": "same-origin",
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": "DynamoDB_20120810.ListTables",
      },
      body: "{}",
    });
    expect(call.status).toBe(403);
    expect(await call.text()).not.toContain("ApprovalTracking");
  });
});

describe("the AWS SDK", () => {
  it("still reaches every emulator", async () => {
    const dynamo = dynamoDbClient(services.endpoints.dynamodb);
    const kinesis = kinesisClient(services.endpoints.kinesis);
    const sns = snsClient(services.endpoints.sns);
    try {
      expect((await dynamo.send(new ListTablesCommand({}))).TableNames).toContain("ApprovalTracking");
      expect((await kinesis.send(new ListStreamsCommand({}))).StreamNames).toContain("MarketDataStream");
      const topics = (await sns.send(new ListTopicsCommand({}))).Topics ?? [];
      expect(topics.map((topic) => topic.TopicArn)).toContainEqual(expect.stringContaining("TradingAlerts"));
    } finally {
      dynamo.destroy();
      kinesis.destroy();
      sns.destroy();
    }
  });
});
