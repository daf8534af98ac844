// The Lambda entry with API Gateway REST (v1) proxy events: routing, the key header, the request id, and
// each kind of answer's headers held to the OpenAPI document as API Gateway receives them.

import { API_ANSWER_HEADERS } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import { restEvent } from "#test/api-gateway";
import { lambdaContext } from "#test/aws";
import { answerChecker, contractDocument } from "#test/contract";
import { TEST_KEYS } from "#test/keys";
import { handler } from "./lambda";

/** A proxy result as the Response API Gateway makes of it (hono answers an event's multiValueHeaders in kind). */
function asResponse(result: Awaited<ReturnType<typeof handler>>): Response {
  const headers = new Headers(result.headers as Record<string, string> | undefined);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {}))
    for (const value of values as unknown[]) headers.append(name, String(value));
  const body = result.isBase64Encoded ? Buffer.from(result.body, "base64") : result.body;
  return new Response(result.statusCode === 204 ? null : body, { status: result.statusCode, headers });
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

  it("answers each kind of answer with the headers the document lists for it, and no other", async () => {
    const check = answerChecker(await contractDocument(), "app");
    const reader = { "X-API-Key": TEST_KEYS.reader };
    const asked: [string, ReturnType<typeof restEvent>][] = [
      ["GET /health", restEvent("GET", "/health")],
      ["GET /docs", restEvent("GET", "/docs")],
      ["GET /alerts", restEvent("GET", "/alerts", reader, { limit: "5" })],
      ["GET /alerts", restEvent("GET", "/alerts", { Origin: "https://console.example.com" })],
      ["GET /approvals", restEvent("GET", "/approvals", reader)],
      ["DELETE /patterns", restEvent("DELETE", "/patterns", reader)],
      [
        "OPTIONS /alerts",
        restEvent("OPTIONS", "/alerts", {
          Origin: "https://console.example.com",
          "Access-Control-Request-Method": "GET",
        }),
      ],
    ];
    const statuses = [];
    for (const [operation, event] of asked) {
      const result = await handler(event, lambdaContext("Api"));
      statuses.push(result.statusCode);
      const response = asResponse(result);
      expect(check(operation, response, await response.text()), operation).toEqual([]);
    }
    expect(statuses).toEqual([200, 200, 200, 401, 403, 405, 204]);
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
