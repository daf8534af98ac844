// What a 400 says of a query parameter the route does not take (core's query schemas are strict): the
// parameters it takes, and the one meant when the name is a near miss (`Symbol`, `status[]`, `severty`);
// and of a parameter with no name (`=x`), which Hono drops before any schema sees it.

import { listed } from "@stock-patterns/core";
import { shown } from "./shown";

/** A name as compared for a near miss: lower case, letters and digits only (`status[]` is `status`). */
const folded = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Edits (insert, delete, replace) from one name to the other. */
function distance(a: string, b: string): number {
  let before = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const replaced = (before[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row[j] = Math.min((before[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, replaced);
    }
    before = row;
  }
  return before[b.length] ?? 0;
}

/**
 * The taken parameter `name` was most likely meant as: the same once folded (case, brackets, dashes), else
 * the nearest within one edit (two for a name of five letters or more); none when nothing is that near.
 *
 * @example
 * nearMiss("severty", ["status", "severity"]) // "severity"
 */
export function nearMiss(name: string, taken: readonly string[]): string | undefined {
  const given = folded(name);
  if (given === "") return undefined;
  const reach = given.length >= 5 ? 2 : 1;
  let best: { name: string; edits: number } | undefined;
  for (const candidate of taken) {
    const edits = distance(given, folded(candidate));
    if (edits <= reach && (best === undefined || edits < best.edits)) best = { name: candidate, edits };
  }
  return best?.name;
}

/** The parameters a route takes, in words: "none", or listed. */
const takes = (taken: readonly string[]) => (taken.length === 0 ? "none" : listed(taken));

/**
 * Why the query parameter `name` is refused on `operation` (`GET /alerts`), which takes `taken`.
 *
 * @example
 * unknownParameter("Symbol", "GET /alerts", ["status", "symbol"])
 * // "Symbol is not a parameter of GET /alerts: it takes status and symbol (did you mean symbol?)"
 * unknownParameter(" symbol", "GET /alerts", ["status", "symbol"])
 * // '" symbol" is not a parameter of GET /alerts: it takes status and symbol (did you mean symbol?)'
 */
export function unknownParameter(name: string, operation: string, taken: readonly string[]): string {
  const meant = nearMiss(name, taken);
  return `${shown(name)} is not a parameter of ${operation}: it takes ${takes(taken)}${meant ? ` (did you mean ${meant}?)` : ""}`;
}

/**
 * The pairs of `url`'s query that have no name (`=x`, `=`), as sent. An empty stretch of the query (a bare
 * `?`, `&&`, a trailing `&`) is no pair and is passed over, as Hono and URLSearchParams pass it over.
 *
 * @example
 * namelessPairs("https://api.example.com/alerts?=1&symbol=SPX&") // ["=1"]
 */
export function namelessPairs(url: string): string[] {
  return new URL(url).search
    .slice(1)
    .split("&")
    .filter((pair) => pair.startsWith("="));
}

/**
 * Why the query pair `pair`, which has no name, is refused on `operation`, which takes `taken`.
 *
 * @example
 * namelessParameter("=x", "GET /alerts", ["status", "symbol"])
 * // "=x is a parameter with no name: GET /alerts takes status and symbol"
 */
export function namelessParameter(pair: string, operation: string, taken: readonly string[]): string {
  return `${shown(pair)} is a parameter with no name: ${operation} takes ${takes(taken)}`;
}
