// docs/deploy.md's table of what each function may do to each table is link-grants.ts' LINK_ACTIONS, as
// written there: the DynamoDB actions per table (a query of an index counted as a Query on its table).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LINK_ACTIONS } from "./link-grants";

const deployDoc = readFileSync(new URL("../docs/deploy.md", import.meta.url), "utf8");

/** The table cell of each function's row: `{ Api: "TradingPatterns: Query (…); Alerts: …" }`. */
function tableCells(): Record<string, string> {
  const rows = deployDoc.split("\n").filter((line) => /^\| (\w+) \| .* \| .* \|$/.test(line));
  return Object.fromEntries(
    rows
      .map((row) => row.split(" | "))
      .filter((cells) => (cells[0] ?? "").slice(2) in LINK_ACTIONS)
      .map((cells) => [(cells[0] ?? "").slice(2), cells[1] ?? ""]),
  );
}

/** "Alerts, ApprovalTracking: GetItem, Query (`byCreatedAt`)" as { Alerts: [GetItem, Query], … }, sorted. */
function documented(cell: string): Record<string, string[]> {
  const byTable: Record<string, string[]> = {};
  for (const part of cell.split(";")) {
    const [names, actions] = part.split(":");
    const verbs = (actions ?? "")
      .replace(/\([^)]*\)/g, "")
      .split(",")
      .map((verb) => verb.trim())
      .filter(Boolean);
    for (const name of (names ?? "").split(",")) byTable[name.trim()] = verbs.sort();
  }
  return byTable;
}

/** LINK_ACTIONS' DynamoDB actions per table, an index's folded into its table's. */
function granted(functionName: string): Record<string, string[]> {
  const byTable: Record<string, Set<string>> = {};
  for (const [link, actions] of Object.entries(LINK_ACTIONS[functionName] ?? {})) {
    const table = link.split("/index/")[0] ?? link;
    for (const action of actions.filter((a) => a.startsWith("dynamodb:"))) {
      byTable[table] ??= new Set();
      byTable[table].add(action.slice("dynamodb:".length));
    }
  }
  return Object.fromEntries(Object.entries(byTable).map(([table, verbs]) => [table, [...verbs].sort()]));
}

/** The indexes a cell names in backticks within its parentheses, table by table: `Query (\`bySymbol\`)`. */
function documentedIndexes(cell: string): Record<string, string[]> {
  const byTable: Record<string, string[]> = {};
  for (const part of cell.split(";")) {
    const [names, actions] = part.split(":");
    const indexes = [...(actions ?? "").matchAll(/\(([^)]*)\)/g)].flatMap((group) =>
      [...(group[1] ?? "").matchAll(/`(\w+)`/g)].map((name) => name[1] ?? ""),
    );
    for (const name of (names ?? "").split(","))
      if (indexes.length > 0) byTable[name.trim()] = indexes.sort();
  }
  return byTable;
}

/** The indexes LINK_ACTIONS grants a function, table by table. */
function grantedIndexes(functionName: string): Record<string, string[]> {
  const byTable: Record<string, string[]> = {};
  for (const link of Object.keys(LINK_ACTIONS[functionName] ?? {})) {
    const [table, index] = link.split("/index/");
    if (table === undefined || index === undefined) continue;
    byTable[table] = [...(byTable[table] ?? []), index].sort();
  }
  return byTable;
}

describe("docs/deploy.md's least-privilege table", () => {
  const cells = tableCells();

  it("has a row for every function with grants", () => {
    expect(Object.keys(cells).sort()).toEqual(Object.keys(LINK_ACTIONS).sort());
  });

  it.each(Object.keys(LINK_ACTIONS))("names exactly %s's DynamoDB actions, table by table", (name) => {
    expect(documented(cells[name] ?? "")).toEqual(granted(name));
  });

  // The Api's ApprovalTracking row said `openByDeadline` only while it was granted `byAlert` too.
  it.each(Object.keys(LINK_ACTIONS))("names exactly the indexes %s may query, table by table", (name) => {
    expect(documentedIndexes(cells[name] ?? "")).toEqual(grantedIndexes(name));
  });
});
