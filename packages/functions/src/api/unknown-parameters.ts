// What a 400 says of a query parameter the route does not take (core's query and body schemas are strict):
// the parameters it takes, and the one meant when the name is a near miss (`Symbol`, `status[]`, `severty`);
// the same of a body's field (`Comment`); and of a parameter with no name (`=x`), which Hono drops before any
// schema sees it.

import { didYouMean, listed, nearMisses } from "@stock-patterns/core";
import { shown } from "./shown";

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
  return `${shown(name)} is not a parameter of ${operation}: it takes ${takes(taken)}${didYouMean(nearMisses(name, taken))}`;
}

/**
 * Why the body field `name` is refused on `operation`, whose body takes `taken`.
 *
 * @example
 * unknownField("Comment", "POST /approvals/{id}/decision", ["decision", "comment"])
 * // "Comment is not a field of the body of POST /approvals/{id}/decision: it takes decision and comment (did you mean comment?)"
 */
export function unknownField(name: string, operation: string, taken: readonly string[]): string {
  return `${shown(name)} is not a field of the body of ${operation}: it takes ${takes(taken)}${didYouMean(nearMisses(name, taken))}`;
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
