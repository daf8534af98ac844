// With CORS_ALLOWED_ORIGINS set the Api allows only those origins: its answers carry their CORS headers as
// the document it then serves lists them (an allowed Origin's allow-origin, none for another, Vary: Origin).

import { API_ROUTES, refusedMethods } from "@stock-patterns/core/contracts";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { app } from "#api";
import { answerChecker, contractDocument } from "#test/contract";
import { TEST_KEYS } from "#test/keys";

const ALLOWED = ["https://console.example.com", "https://desk.example.com"];
// Before the app is imported: the cors middleware and the document read it once.
vi.hoisted(() => {
  process.env.CORS_ALLOWED_ORIGINS = "https://console.example.com, https://desk.example.com";
});

let check: ReturnType<typeof answerChecker>;
beforeAll(async () => {
  check = answerChecker(await contractDocument(), "app");
});

/** Asks `operation` at `url` with `headers`, checks the answer against the document, and answers it. */
async function ask(operation: string, url: string, headers: Record<string, string>) {
  const response = await app.request(url, { method: operation.split(" ")[0], headers });
  expect(
    check(operation, response, await response.text()),
    `${operation} ${JSON.stringify(headers)}`,
  ).toEqual([]);
  return response;
}

describe("CORS narrowed by CORS_ALLOWED_ORIGINS", () => {
  it("answers an allowed Origin with it, another with no allow-origin, each as the document lists", async () => {
    const key = { "X-API-Key": TEST_KEYS.reader };
    const allowed = await ask("GET /alerts", "/alerts", { ...key, Origin: ALLOWED[1] as string });
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED[1]);
    expect(allowed.headers.get("vary")).toBe("Origin");
    const other = await ask("GET /alerts", "/alerts", { ...key, Origin: "https://elsewhere.example" });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect(other.headers.get("vary")).toBe("Origin");
    await ask("GET /alerts", "/alerts", { Origin: ALLOWED[0] as string });
    await ask("GET /health", "/health", {});
    await ask("GET /docs", "/docs", {});
  });

  it("answers each path's preflight and 405 as the document lists", async () => {
    for (const [path, refused] of Object.entries(refusedMethods(API_ROUTES))) {
      const url = path.replace(/\{\w+\}/g, "x");
      for (const origin of [...ALLOWED, "https://elsewhere.example"]) {
        const preflight = { Origin: origin, "Access-Control-Request-Method": "POST" };
        await ask(`OPTIONS ${path}`, url, preflight);
        for (const method of refused) await ask(`${method} ${path}`, url, { Origin: origin });
      }
    }
  });
});
