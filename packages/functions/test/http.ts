// Calls the Hono app in-process the way API Gateway would hand it a request, with or without a key.

import { expect } from "vitest";
import { app } from "#api";
import { TEST_KEYS } from "./keys";

export interface CallOptions {
  method?: string;
  /** A test key by role, a literal key, or none. */
  key?: keyof typeof TEST_KEYS | { literal: string };
  body?: unknown;
  /** Send `body` as-is (already text). */
  rawBody?: string;
}

/**
 * Every error answer, whatever the route, must be an RFC 9457 problem: its content type, its own
 * status in the body, a title and the request id the logs carry. Checked on each call, so no test
 * of an error status can pass on a bare or HTML error.
 */
function expectProblem(response: Response, json: unknown): void {
  const where = `${response.status} answer`;
  expect(response.headers.get("content-type"), where).toBe("application/problem+json");
  expect(json, where).toMatchObject({
    type: "about:blank",
    status: response.status,
    title: expect.any(String),
    requestId: expect.stringMatching(/\S/),
  });
}

/** One request through `app.request()`; answers the response and its parsed JSON body. */
export async function call(path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = {};
  if (options.key)
    headers["X-API-Key"] = typeof options.key === "string" ? TEST_KEYS[options.key] : options.key.literal;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await app.request(path, {
    method: options.method ?? (body ? "POST" : "GET"),
    headers,
    body,
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (response.status >= 400) expectProblem(response, json);
  return { response, status: response.status, json };
}

/**
 * Asks `route` with each query and expects a 400 problem whose `errors` name the given field path.
 *
 * @example
 * await expectInvalidQueries("/stats", [["symbol=SPX&interval=1x", "query.interval"]]);
 */
export async function expectInvalidQueries(
  route: string,
  cases: readonly (readonly [query: string, path: string])[],
  key: CallOptions["key"] = "reader",
): Promise<void> {
  for (const [query, path] of cases) {
    const { status, json } = await call(`${route}?${query}`, { key });
    expect(status, query).toBe(400);
    expect(
      json.errors.map((e: { path: string }) => e.path),
      query,
    ).toContain(path);
  }
}
