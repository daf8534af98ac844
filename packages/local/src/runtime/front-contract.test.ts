// The local server's own answers, where it stands in for API Gateway (503 while the API loads, 504 past the
// Api's timeout, a problem for what Node's parser refuses), held to GET /openapi.json as strictly as the
// app's answers are (functions' test/contract.ts): on every operation, a listed status, its media type,
// and a body that names no field the document does not.

import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { API_ROUTES, FRONT_MEDIA_TYPE, LOCAL_PROBLEMS } from "@stock-patterns/core/contracts";
import { app } from "@stock-patterns/functions/src/api/app";
import {
  answerChecker,
  type ContractDocument,
  contractDocument,
  missLine,
  operationKey,
  schemaValidator,
} from "@stock-patterns/functions/test/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localHttpServer } from "./http-server";

const consoleDir = mkdtempSync(join(tmpdir(), "front-contract-"));
const servers = {
  starting: localHttpServer(() => undefined, consoleDir),
  // An API that never answers: 0.2 s stands in for the Api's 29 s.
  stalled: localHttpServer(() => ({ fetch: () => new Promise<Response>(() => {}) }), consoleDir, 0.2),
  loaded: localHttpServer(() => app, consoleDir),
};
const urls: Partial<Record<keyof typeof servers, string>> = {};
let contract: ContractDocument;

async function listen(on: Server): Promise<string> {
  await new Promise<void>((resolve) => on.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(on.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  for (const [name, server] of Object.entries(servers))
    urls[name as keyof typeof servers] = await listen(server);
  contract = await contractDocument();
});
afterAll(async () => {
  for (const server of Object.values(servers)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  rmSync(consoleDir, { recursive: true, force: true });
});

/** Each route once, its path variables filled in. */
const requests = API_ROUTES.map((route) => ({
  operation: operationKey(route.method, route.path),
  path: route.path.replace(/\{\w+\}/g, "t".repeat(43)),
  init: {
    method: route.method,
    ...("body" in route ? { headers: { "content-type": "application/json" }, body: "{}" } : {}),
  },
}));

describe("the local server's own answers, against the OpenAPI document", () => {
  for (const [server, status] of [
    ["starting", 503],
    ["stalled", 504],
  ] as const)
    it(`answers ${status} on every operation as the document lists it (${server})`, async () => {
      const check = answerChecker(contract, "front");
      for (const { operation, path, init } of requests) {
        const response = await fetch(`${urls[server]}${path}`, init);
        expect(response.status, operation).toBe(status);
        expect(check(operation, response, await response.text()), operation).toEqual([]);
      }
    });

  it("passes the app's own answers on as the document lists them", async () => {
    const check = answerChecker(contract, "front");
    for (const [operation, path, expected] of [
      ["GET /health", "/health", 200],
      ["GET /alerts", "/alerts", 401],
    ] as const) {
      const response = await fetch(`${urls.loaded}${path}`);
      expect(response.status, operation).toBe(expected);
      expect(check(operation, response, await response.text()), operation).toEqual([]);
    }
  });

  it("answers what Node's parser refuses as a front problem of the document (FrontProblem, its media type)", async () => {
    // Before any route is read, so no operation's: held to the schema every front problem has.
    const validate = schemaValidator(contract);
    const response = await fetch(`${urls.loaded}/alerts`, { headers: { "x-pad": "a".repeat(20_000) } });
    expect(response.status).toBe(LOCAL_PROBLEMS.HPE_HEADER_OVERFLOW.status);
    expect(response.headers.get("content-type")).toBe(FRONT_MEDIA_TYPE);
    const misses = validate({ $ref: "#/components/schemas/FrontProblem" }, await response.json());
    expect(misses.map(missLine)).toEqual([]);
  });
});
