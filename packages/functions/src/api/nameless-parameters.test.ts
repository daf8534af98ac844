// A query parameter with no name (`?=x`) is refused as every other parameter a route does not take is; an
// empty stretch of the query (a bare `?`, `&&`, a trailing `&`) holds no parameter and is passed over.

import { API_ROUTES } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import { restEvent } from "#test/api-gateway";
import { lambdaContext } from "#test/aws";
import { call } from "#test/http";
import { TEST_KEYS } from "#test/keys";
import { handler } from "./lambda";

const ALERTS_TAKE = "GET /alerts takes status, severity, symbol, cursor and limit";

describe("a query parameter with no name", () => {
  it("is refused with a 400 saying so, beside the route's other problems", async () => {
    // Hono drops a pair with no name before validation: each of these answered 200, as if it were not sent.
    const cases = [
      ["/alerts?=x", [`=x is a parameter with no name: ${ALERTS_TAKE}`]],
      ["/alerts?=", [`= is a parameter with no name: ${ALERTS_TAKE}`]],
      ["/alerts?status=QUEUED&=QUEUED", [`=QUEUED is a parameter with no name: ${ALERTS_TAKE}`]],
      [
        "/alerts?=1&=2",
        [`=1 is a parameter with no name: ${ALERTS_TAKE}`, `=2 is a parameter with no name: ${ALERTS_TAKE}`],
      ],
      [
        "/patterns?=1&symbol=SPX",
        ["=1 is a parameter with no name: GET /patterns takes symbol, from, to, pattern, cursor and limit"],
      ],
      ["/keys/me?=1", ["=1 is a parameter with no name: GET /keys/me takes none"]],
    ] as const;
    for (const [query, messages] of cases) {
      const { status, json } = await call(query, { key: "reader" });
      expect([query, status, json.errors]).toEqual([
        query,
        400,
        messages.map((message) => ({ path: "query", message })),
      ]);
    }
    // After the issues of parameters that have a name.
    const mixed = await call("/alerts?severity=LOUD&=1&foo=2", { key: "reader" });
    expect(mixed.json.errors.map((e: { path: string }) => e.path)).toEqual([
      "query.severity",
      "query.foo",
      "query",
    ]);
  });

  it("is refused on every route, GET or POST, keyed or not", async () => {
    const filled = { alertId: "alr_nameless", token: "t".repeat(43), id: "a".repeat(64) } as Record<
      string,
      string
    >;
    const bodies: Record<string, unknown> = {
      "/patterns": { symbol: "SPX", interval: "1d", bars: [] },
      "/approve/{token}": { decision: "approve" },
      "/approvals/{id}/decision": { decision: "approve" },
    };
    const routes = API_ROUTES.filter((route) => route.method === "GET" || route.method === "POST");
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => filled[name] ?? name);
      const key = route.path === "/patterns" && route.method === "POST" ? "analyst" : "approver";
      const body = route.method === "POST" ? bodies[route.path] : undefined;
      const { status, json } = await call(`${path}?=1`, { method: route.method, key, body });
      const operation = `${route.method} ${route.path}`;
      expect([operation, status], operation).toEqual([operation, 400]);
      expect(json.errors, operation).toContainEqual({
        path: "query",
        message: expect.stringMatching(new RegExp(`^=1 is a parameter with no name: ${operation} takes `)),
      });
    }
  });

  it("is refused when API Gateway hands it to the Lambda function", async () => {
    const result = await handler(
      restEvent("GET", "/alerts", { "X-API-Key": TEST_KEYS.reader }, { "": "x" }),
      lambdaContext("Api"),
    );
    expect([result.statusCode, JSON.parse(result.body).errors]).toEqual([
      400,
      [{ path: "query", message: `=x is a parameter with no name: ${ALERTS_TAKE}` }],
    ]);
  });
});

describe("an empty stretch of the query", () => {
  it("holds no parameter: a bare ?, && and a trailing & are passed over", async () => {
    for (const query of [
      "/alerts?",
      "/alerts?&",
      "/alerts?&&",
      "/alerts?status=QUEUED&",
      "/alerts?&status=QUEUED&&limit=5&",
      "/patterns?symbol=SPX&&limit=5",
      "/keys/me?&&",
    ]) {
      expect((await call(query, { key: "reader" })).status, query).toBe(200);
    }
  });
});
