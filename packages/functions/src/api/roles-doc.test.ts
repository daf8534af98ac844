// docs/api.md's role table says what core's route list says: each keyed route in the row of the role it
// needs, and in no other, so a route moved to another role (POST /patterns, reader to analyst) cannot
// leave the table behind. Its Errors table too: a row for every status a route answers, and where what a
// status means depends on the route (a 404 past "no such route", a 409, 410 or 422), the row names each
// route that answers it, so a route given such an answer (GET /stats' 404) cannot leave the row behind.

import { readFileSync } from "node:fs";
import { API_KEY_ROLES, API_ROUTES } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";

const doc = readFileSync(new URL("../../../../docs/api.md", import.meta.url), "utf8");

/** One `## ` section of the page, from its heading to the next. */
function section(heading: string): string {
  const start = doc.indexOf(`\n## ${heading}\n`);
  expect(start, `docs/api.md has a "## ${heading}" section`).toBeGreaterThan(-1);
  return doc.slice(start, doc.indexOf("\n## ", start + 1));
}

/** The table under "## Authentication": each role's row, by role. */
function roleRows(): Map<string, string> {
  return new Map(
    [...section("Authentication").matchAll(/^\| `(\w+)` \| (.*) \|$/gm)].map(([, role = "", may = ""]) => [
      role,
      may,
    ]),
  );
}

/** The table under "## Errors": each status's "when", by status. */
function errorRows(): Map<number, string> {
  return new Map(
    [...section("Errors").matchAll(/^\| (\d{3}) \| (.*) \|$/gm)].map(([, status = "", when = ""]) => [
      Number(status),
      when,
    ]),
  );
}

/** Statuses whose meaning depends on the route that answers them, beyond one every route may give. */
const ROUTE_SPECIFIC_PROBLEMS = [404, 409, 410, 422];

/** Each route's problem statuses (core's route list), as `METHOD /path` and status. */
const routeProblems = API_ROUTES.flatMap((route) =>
  ("problems" in route ? route.problems : []).map((problem) => ({
    name: `\`${route.method} ${route.path}\``,
    status: typeof problem === "number" ? problem : problem[0],
  })),
);

describe("docs/api.md's role table", () => {
  it("has a row for each role, least first", () => {
    expect([...roleRows().keys()]).toEqual([...API_KEY_ROLES]);
  });

  it("lists each keyed route in the row of the role it needs, and only there", () => {
    const rows = roleRows();
    for (const route of API_ROUTES) {
      if (!("role" in route)) continue;
      const name = `\`${route.method} ${route.path}\``;
      const listedUnder = [...rows].filter(([, may]) => may.includes(name)).map(([role]) => role);
      expect(listedUnder, name).toEqual([route.role]);
    }
  });
});

describe("docs/api.md's Errors table", () => {
  it("has a row for every status a route answers with a problem", () => {
    const rows = errorRows();
    const missing = [...new Set(routeProblems.map(({ status }) => status))].filter(
      (status) => !rows.has(status),
    );
    expect(missing).toEqual([]);
  });

  it("names, in the row of a status whose meaning depends on the route, each route that answers it", () => {
    const rows = errorRows();
    const unnamed = routeProblems
      .filter(({ status }) => ROUTE_SPECIFIC_PROBLEMS.includes(status))
      .filter(({ name, status }) => !(rows.get(status) ?? "").includes(name))
      .map(({ name, status }) => `${status} ${name}`);
    expect(unnamed).toEqual([]);
  });
});
