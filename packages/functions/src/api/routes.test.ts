// The app serves exactly core's route list: API Gateway and the OpenAPI document are built from that list.
import { API_ROUTES, honoPath } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import { app } from "./app";

describe("routes", () => {
  it("serves every route of core's list and no other GET or POST", () => {
    const served = app.routes
      .filter((route) => route.method === "GET" || route.method === "POST")
      .map((route) => `${route.method} ${route.path}`);
    expect([...new Set(served)].sort()).toEqual(
      API_ROUTES.map((route) => `${route.method} ${honoPath(route.path)}`).sort(),
    );
  });

  it("answers 405 naming the allowed methods on every listed path", async () => {
    const response = await app.request("/patterns", { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe(
      API_ROUTES.filter((route) => route.path === "/patterns")
        .map((route) => route.method)
        .sort()
        .join(", "),
    );
  });
});
