// The local server's own answer (503 while the API is not loaded) carries the API's answer headers too.

import type { AddressInfo } from "node:net";
import { API_ANSWER_HEADERS } from "@stock-patterns/core/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localHttpServer } from "./http-server";

const server = localHttpServer(() => undefined, "/nonexistent-console");
let url: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("localHttpServer", () => {
  it("answers 503 as a problem, with no-store and nosniff, until the API is loaded", async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    for (const [name, value] of Object.entries(API_ANSWER_HEADERS)) {
      expect(response.headers.get(name), name).toBe(value);
    }
  });
});
