// docs/deploy.md's "Reading the outputs" says what `ApiGatewayUrl` serves by naming every route of the
// API; the list is written by hand, so a route added to core's API_ROUTES without it there fails here.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { API_ROUTES } from "./api-routes";

const deploy = readFileSync(new URL("../../../../docs/deploy.md", import.meta.url), "utf8");

/** The outputs table's row for `ApiGatewayUrl`. */
function apiGatewayRow(): string {
  const row = deploy.split("\n").find((line) => line.startsWith("| `ApiGatewayUrl` |"));
  expect(row, "a row for ApiGatewayUrl").toBeDefined();
  return row ?? "";
}

describe("docs/deploy.md's outputs table", () => {
  it("names every route of core's API_ROUTES under ApiGatewayUrl, and no other", () => {
    const row = apiGatewayRow();
    const named = [...row.matchAll(/`((?:GET|POST) \/[^`]*)`/g)].map(([, route]) => route);
    expect(named.sort()).toEqual(API_ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });
});
