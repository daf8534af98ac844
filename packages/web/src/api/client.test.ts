// The HTTP client against a real loopback server: key header, JSON bodies, problem documents, no network.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  frontProblemDocument,
  frontProblemHeaders,
  LOCAL_PROBLEMS,
  WAF_BLOCK_PROBLEMS,
} from "@stock-patterns/core/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeError } from "../ui/errorWords";
import { apiUrl, callApi } from "./client";
import { ApiError, ApiTimeout } from "./problem";

// A real HTTP server on loopback answering the way the API does, to exercise fetch, headers and bodies.
let server: Server;
let baseUrl: string;
const seen: { method?: string; url?: string; key?: string; type?: string; body?: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      seen.push({
        method: request.method,
        url: request.url,
        key: request.headers["x-api-key"] as string,
        type: request.headers["content-type"],
        body,
      });
      // A request the API takes and never answers (a stalled integration, a half-open connection).
      if (request.url?.startsWith("/stalled")) return;
      // Answers made in front of the app, as AWS WAF and the local server send them (core's front problems).
      const front = {
        "/blocked": WAF_BLOCK_PROBLEMS.TooManyRequests,
        "/starting": LOCAL_PROBLEMS.STARTING,
      }[request.url ?? ""];
      if (front) {
        response.writeHead(front.status, {
          ...frontProblemHeaders(front),
          "content-type": "application/json",
        });
        response.end(JSON.stringify(frontProblemDocument(front)));
        return;
      }
      // A Retry-After the console cannot read, and one on a status that does not say when to try again.
      const odd = {
        "/garbled": [429, "in a while"],
        "/gone-later": [410, "30"],
        "/ages": [503, "99999999999999999999"],
      }[request.url ?? ""];
      if (odd) {
        response.writeHead(odd[0] as number, { "retry-after": odd[1] as string });
        response.end();
        return;
      }
      // An answer with no reason phrase and no body, as over HTTP/2 (which has none) or from some proxies.
      const unlabelled = /^\/unlabelled\/(\d{3})$/.exec(request.url ?? "");
      if (unlabelled) {
        response.writeHead(Number(unlabelled[1]), "");
        response.end();
        return;
      }
      if (request.url?.startsWith("/alerts")) {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ items: [{ alertId: "a-1" }], cursor: "c2" }));
      } else if (request.url?.startsWith("/approve/")) {
        response.writeHead(410, { "content-type": "application/problem+json" });
        response.end(JSON.stringify({ status: 410, title: "Gone", detail: "approval expired" }));
      } else {
        response.writeHead(502, { "content-type": "text/plain" });
        response.end("bad gateway");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  // The stalled requests' connections stay open until closed here.
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("apiUrl", () => {
  it("leaves out empty query values and encodes the rest", () => {
    expect(apiUrl("", "/alerts", { status: "PENDING", symbol: "", cursor: undefined })).toBe(
      "/alerts?status=PENDING",
    );
    expect(apiUrl("https://x.test/live", "/alerts", { symbol: "BRK.B&X" })).toBe(
      "https://x.test/live/alerts?symbol=BRK.B%26X",
    );
  });
});

describe("callApi", () => {
  it("sends the key and returns the JSON body", async () => {
    const page = await callApi<{ items: unknown[]; cursor: string }>(
      "GET",
      "/alerts",
      { apiKey: "k-1", baseUrl },
      { query: { severity: "HIGH" } },
    );
    expect(page).toEqual({ items: [{ alertId: "a-1" }], cursor: "c2" });
    expect(seen.at(-1)).toMatchObject({ method: "GET", url: "/alerts?severity=HIGH", key: "k-1" });
  });

  it("turns a problem document into an ApiError with status and detail", async () => {
    const failure = callApi(
      "POST",
      "/approve/t-1",
      { apiKey: "k-1", baseUrl },
      { body: { decision: "approve" } },
    );
    await expect(failure).rejects.toMatchObject({ status: 410, title: "Gone", detail: "approval expired" });
    expect(seen.at(-1)).toMatchObject({
      method: "POST",
      type: "application/json",
      body: JSON.stringify({ decision: "approve" }),
    });
  });

  it("keeps a plain-text error body as the detail", async () => {
    const failure = callApi("GET", "/other", { apiKey: "k-1", baseUrl });
    await expect(failure).rejects.toMatchObject({ status: 502, detail: "bad gateway" });
  });

  it("keeps when a 429 or 503 asked to be asked again (its Retry-After), from the answer's arrival", async () => {
    for (const [path, problem] of [
      ["/blocked", WAF_BLOCK_PROBLEMS.TooManyRequests],
      ["/starting", LOCAL_PROBLEMS.STARTING],
    ] as const) {
      const before = Date.now();
      const error = await callApi("GET", path, { apiKey: "k-1", baseUrl }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: problem.status, detail: problem.detail });
      const { retryAfter } = error as ApiError;
      expect(retryAfter?.ms).toBe(problem.retryAfterSeconds * 1000);
      expect(retryAfter?.at).toBeGreaterThanOrEqual(before + problem.retryAfterSeconds * 1000);
      expect(retryAfter?.at).toBeLessThanOrEqual(Date.now() + problem.retryAfterSeconds * 1000);
    }
  });

  it("reads a Retry-After too long to count as 2^31 s, a time a notice can still write", async () => {
    const error = await callApi("GET", "/ages", { apiKey: "k-1", baseUrl }).catch((e: unknown) => e);
    expect((error as ApiError).retryAfter?.ms).toBe(2 ** 31 * 1000);
    expect(describeError(error)).toMatch(/asked to wait 596523 h 14 min before trying again \(until /);
  });

  it("ignores a Retry-After it cannot read, or on a status that does not say when to try again", async () => {
    for (const [path, status] of [
      ["/garbled", 429],
      ["/gone-later", 410],
    ] as const) {
      const error = await callApi("GET", path, { apiKey: "k-1", baseUrl }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status });
      expect((error as ApiError).retryAfter).toBeUndefined();
    }
  });

  it("says what a status means when the answer names it neither in a reason phrase nor a problem document", async () => {
    const words: Record<number, string> = {
      400: "Bad request",
      401: "Unauthorized",
      409: "Conflict",
      413: "Content too large",
      429: "Too many requests",
      500: "Internal server error",
      502: "Bad gateway",
      503: "Service unavailable",
      504: "Gateway timeout",
    };
    for (const [status, said] of Object.entries(words)) {
      const error = await callApi("GET", `/unlabelled/${status}`, { apiKey: "k-1", baseUrl }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ status: Number(status), title: said });
      expect(describeError(error)).toBe(`The API answered ${status}: ${said}`);
    }
    // A 403 or 404 is worded by what it refused, yet its error still says the status in words.
    for (const [status, said] of [
      [403, "Forbidden"],
      [404, "Not found"],
    ] as const) {
      const error = await callApi("GET", `/unlabelled/${status}`, { apiKey: "k-1", baseUrl }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ status, title: said });
    }
  });

  it("reports an unreachable API as status 0", async () => {
    const failure = callApi("GET", "/alerts", { apiKey: "k-1", baseUrl: "http://127.0.0.1:9" });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 0 });
  });

  it("gives up on an API that takes the request and never answers, saying how long it waited", async () => {
    const started = Date.now();
    const failure = callApi("GET", "/stalled", { apiKey: "k-1", baseUrl, timeoutMs: 300 });
    await expect(failure).rejects.toBeInstanceOf(ApiTimeout);
    await expect(failure).rejects.toMatchObject({ status: 0, detail: "no answer within 0.3 s" });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("still lets the caller abandon a request before its time is up", async () => {
    const controller = new AbortController();
    const failure = callApi("GET", "/stalled", { apiKey: "k-1", baseUrl, signal: controller.signal });
    controller.abort();
    await expect(failure).rejects.toMatchObject({ name: "AbortError" });
  });
});
