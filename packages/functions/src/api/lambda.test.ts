// The Lambda entry with API Gateway REST (v1) proxy events: routing, the key header, the request id.

import { API_ANSWER_HEADERS } from "@stock-patterns/core/contracts";
import type { LambdaEvent } from "hono/aws-lambda";
import { describe, expect, it } from "vitest";
import { lambdaContext } from "#test/aws";
import { TEST_KEYS } from "#test/keys";
import { handler } from "./lambda";

function restEvent(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  query?: Record<string, string>,
) {
  return {
    resource: "/{proxy+}",
    path,
    httpMethod: method,
    headers: { Host: "abc123.execute-api.us-east-1.amazonaws.com", ...headers },
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: query ?? null,
    multiValueQueryStringParameters: query
      ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId: "000000000000",
      apiId: "abc123",
      httpMethod: method,
      path: `/prod${path}`,
      stage: "prod",
      requestId: "gw-request-1",
      resourceId: "res",
      resourcePath: "/{proxy+}",
      requestTimeEpoch: Date.now(),
      protocol: "HTTP/1.1",
      identity: { sourceIp: "127.0.0.1" },
      authorizer: null,
    },
    body: null,
    isBase64Encoded: false,
  } as unknown as LambdaEvent;
}

describe("Api Lambda handler", () => {
  it("answers /health through API Gateway's proxy event", async () => {
    const result = await handler(restEvent("GET", "/health"), lambdaContext("Api"));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ status: "ok" });
  });

  it("reads the key header and query, and stamps problems with Lambda's request id", async () => {
    const context = lambdaContext("Api");
    const ok = await handler(
      restEvent("GET", "/alerts", { "X-API-Key": TEST_KEYS.reader }, { limit: "5" }),
      context,
    );
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body)).toHaveProperty("items");
    const denied = await handler(restEvent("GET", "/approvals", { "X-API-Key": TEST_KEYS.reader }), context);
    expect(denied.statusCode).toBe(403);
    expect(JSON.parse(denied.body).requestId).toBe(context.awsRequestId);
  });

  it("keeps Lambda's request id when the caller sends an X-Request-Id of its own", async () => {
    const context = lambdaContext("Api");
    const result = await handler(
      restEvent("GET", "/approvals", { "X-API-Key": "wrong", "X-Request-Id": "chosen-by-caller" }),
      context,
    );
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body).requestId).toBe(context.awsRequestId);
    expect(result.multiValueHeaders?.["x-request-id"]).toEqual([context.awsRequestId]);
  });

  it("answers with no-store and nosniff, a problem and a 404 as well", async () => {
    for (const path of ["/health", "/alerts", "/no-such-route"]) {
      const result = await handler(restEvent("GET", path), lambdaContext("Api"));
      for (const [name, value] of Object.entries(API_ANSWER_HEADERS)) {
        expect(result.multiValueHeaders?.[name], `${path} (${result.statusCode}): ${name}`).toEqual([value]);
      }
    }
  });
});
