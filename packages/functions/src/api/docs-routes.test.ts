// The README and docs/*.md name the API's operations in code spans (`GET /alerts/{alertId}`,
// `GET /stats?symbol=&interval=&pattern=&asOf=`). Each must be an operation of the OpenAPI document the API
// serves, and each query parameter it names one that operation takes: a renamed route or parameter would
// otherwise leave the prose sending a user to an answer of 404 or 400. A path's variables may be named
// differently from the document's (`{id}` for `{alertId}`); `[…]` marks an optional part and `…` an elided one.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "./app";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const PAGES = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

interface Operation {
  parameters?: { name: string; in: string }[];
}
type Paths = Record<string, Record<string, Operation>>;

let paths: Paths;

beforeAll(async () => {
  const response = await app.request("/openapi.json");
  expect(response.status).toBe(200);
  ({ paths } = (await response.json()) as { paths: Paths });
});

/** A path with each variable as `{}`, so `/alerts/{id}` and `/alerts/{alertId}` are one. */
const shapeOf = (path: string) => path.replace(/\{[^}]*\}/g, "{}");

/** Every `METHOD /path?query` code span of a page, outside fenced blocks, with its line. */
function operationsNamed(page: string): { line: number; method: string; path: string; query: string }[] {
  const text = readFileSync(join(ROOT, page), "utf8").replace(/```[\s\S]*?```/g, (block) =>
    block.replace(/[^\n]/g, ""),
  );
  return [...text.matchAll(/`(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/[^`\s]*)`/g)].map((match) => {
    const [, method = "", target = ""] = match;
    const [path = "", query = ""] = target.split("?");
    return { line: text.slice(0, match.index).split("\n").length, method, path, query };
  });
}

/** The names of a query as the prose writes it: `symbol=&from=detectedAt[&to]` gives symbol, from, to. */
const queryNames = (query: string) =>
  query
    .replace(/[[\]]/g, "")
    .split("&")
    .map((part) => part.split("=")[0] ?? "")
    .filter((name) => name !== "" && name !== "…");

describe("the API operations the README and docs name", () => {
  it("finds them on the pages", () => {
    expect(PAGES.flatMap(operationsNamed).length).toBeGreaterThan(100);
  });

  it("are operations of the OpenAPI document, with query parameters those operations take", () => {
    const operations = new Map(
      Object.entries(paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]): [string, Operation] => [
          `${method.toUpperCase()} ${shapeOf(path)}`,
          operation,
        ]),
      ),
    );
    const misses = PAGES.flatMap((page) =>
      operationsNamed(page).flatMap(({ line, method, path, query }) => {
        const where = `${page}:${line} \`${method} ${path}${query ? `?${query}` : ""}\``;
        const operation = operations.get(`${method} ${shapeOf(path)}`);
        if (!operation) return [`${where}: no such operation`];
        const taken = new Set(
          (operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
        );
        return queryNames(query)
          .filter((name) => !taken.has(name))
          .map((name) => `${where}: no query parameter ${name}`);
      }),
    );
    expect(misses).toEqual([]);
  });

  it("head docs/api.md's section of each operation with every query parameter it takes", () => {
    const text = readFileSync(join(ROOT, "docs/api.md"), "utf8").replace(/```[\s\S]*?```/g, "");
    const operations = new Map(
      Object.entries(paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(
          ([method, operation]) => [`${method} ${shapeOf(path)}`, operation] as const,
        ),
      ),
    );
    const headed = [...text.matchAll(/^### `(GET|POST) (\/[^`?]*)(?:\?([^`]*))?`/gm)];
    const untold = headed.flatMap(([heading, method = "", path = "", query = ""]) => {
      const operation = operations.get(`${method.toLowerCase()} ${shapeOf(path)}`);
      if (!operation) return [`${heading}: no such operation`];
      const named = new Set(queryNames(query));
      return (operation.parameters ?? [])
        .filter((p) => p.in === "query" && !named.has(p.name))
        .map((p) => `${heading}: no ${p.name}`);
    });
    // Every operation but GET /openapi.json and GET /docs, which the page's opening section tells of.
    expect(headed).toHaveLength(operations.size - 2);
    expect(untold).toEqual([]);
  });
});
