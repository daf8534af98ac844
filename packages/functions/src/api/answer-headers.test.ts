// Every answer of the API, whatever its route or status, says that no shared cache may keep it and that it
// is of the type it names: answers are per key, and a problem or a 404 is an answer too.

import { API_ANSWER_HEADERS, API_ROUTES } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import { app } from "#api";
import { TEST_KEYS } from "#test/keys";

function expectAnswerHeaders(response: Response, where: string): void {
  for (const [name, value] of Object.entries(API_ANSWER_HEADERS)) {
    expect(response.headers.get(name), `${where}: ${name}`).toBe(value);
  }
}

/** A route's path with a value for each variable. */
const concrete = (path: string) => path.replace(/\{\w+\}/g, "x");

describe("the answer headers", () => {
  it("are on every route's answer, with a key and without", async () => {
    for (const { method, path } of API_ROUTES) {
      for (const key of [undefined, ...Object.values(TEST_KEYS)]) {
        const response = await app.request(concrete(path), {
          method,
          headers: {
            ...(key ? { "X-API-Key": key } : {}),
            ...(method === "POST" ? { "Content-Type": "application/json" } : {}),
          },
          body: method === "POST" ? "{}" : undefined,
        });
        expectAnswerHeaders(response, `${method} ${path} (${response.status})`);
      }
    }
  });

  it("are on 404, 405, 413, 415, a bad cursor and a CORS preflight", async () => {
    const reader = { "X-API-Key": TEST_KEYS.reader };
    const analyst = { "X-API-Key": TEST_KEYS.analyst };
    const answers = {
      404: await app.request("/no-such-route", { headers: reader }),
      405: await app.request("/health", { method: "POST" }),
      413: await app.request("/patterns", {
        method: "POST",
        headers: { ...analyst, "Content-Type": "application/json" },
        body: "x".repeat(3 * 1024 * 1024),
      }),
      415: await app.request("/patterns", { method: "POST", headers: analyst, body: "{}" }),
      400: await app.request("/alerts?cursor=not-ours", { headers: reader }),
      204: await app.request("/alerts", {
        method: "OPTIONS",
        headers: { Origin: "https://console.example.com", "Access-Control-Request-Method": "GET" },
      }),
    };
    for (const [status, response] of Object.entries(answers)) {
      expect(response.status).toBe(Number(status));
      expectAnswerHeaders(response, status);
      // docs/api.md: every answer carries its request id; the preflight's was missing (null).
      expect(response.headers.get("x-request-id"), status).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
