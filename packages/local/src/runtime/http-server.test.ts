// The local server: its own answer (503 while the API is not loaded) carries the API's answer headers, and a
// browser opening one of the API's pages (/docs) gets the API's answer, not the console.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { API_ANSWER_HEADERS } from "@stock-patterns/core/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localHttpServer } from "./http-server";

const consoleDir = mkdtempSync(join(tmpdir(), "http-server-"));
writeFileSync(join(consoleDir, "index.html"), "<!doctype html><title>console</title>");
/** Stands in for the Hono app: says which path it answered. */
const api = { fetch: (request: Request) => new Response(`api ${new URL(request.url).pathname}`) };
let loaded = false;
const server = localHttpServer(() => (loaded ? api : undefined), consoleDir);
let url: string;

async function listen(on: Server): Promise<string> {
  await new Promise<void>((resolve) => on.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(on.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  url = await listen(server);
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(consoleDir, { recursive: true, force: true });
});

describe("localHttpServer", () => {
  it("answers 503 as a problem, with no-store and nosniff, until the API is loaded", async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    for (const [name, value] of Object.entries(API_ANSWER_HEADERS)) {
      expect(response.headers.get(name), name).toBe(value);
    }
  });

  it("answers a page load of the API's own pages from the API, and any other from the console", async () => {
    loaded = true;
    const page = (path: string) => fetch(`${url}${path}`, { headers: { accept: "text/html" } });
    expect(await (await page("/docs")).text()).toBe("api /docs");
    expect(await (await page("/openapi.json")).text()).toBe("api /openapi.json");
    expect(await (await page("/?token=abc")).text()).toContain("<title>console</title>");
    expect(await (await page("/some/route")).text()).toContain("<title>console</title>");
  });
});
