// GET /health answers without a key; unknown paths and methods answer problems.

import { describe, expect, it } from "vitest";
import { app } from "./app";

describe("GET /health", () => {
  it("answers ok without an API key", async () => {
    const response = await app.request("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("answers 404 as problem+json for an unknown path", async () => {
    const response = await app.request("/nowhere");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 404, title: "Not found" });
  });

  it("answers 405 with Allow for a method the path does not take", async () => {
    const response = await app.request("/health", { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    expect(await response.json()).toMatchObject({ status: 405 });
  });

  it("answers CORS preflights without a key and allows the key header", async () => {
    const preflight = await app.request("/approve/abc", {
      method: "OPTIONS",
      headers: {
        Origin: "https://console.example.com",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "x-api-key, content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("x-api-key");
    const simple = await app.request("/health", { headers: { Origin: "https://console.example.com" } });
    expect(simple.headers.get("access-control-allow-origin")).toBe("*");
  });
});
