// The Lambda entry with API Gateway REST (v1) proxy events: routing, the key header, the request id.

import { API_ANSWER_HEADERS } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import { restEvent } from "#test/api-gateway";
import { lambdaContext } from "#test/aws";
import { TEST_KEYS } from "#test/keys";
import { handler } from "./lambda";

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
