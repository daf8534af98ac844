// A JSON object that holds its bars under one of its keys, as Polygon's (now Massive's) aggregates do
// ({"ticker": "SPY", "results": [{"t": 1704171600000, "o": ..., "c": ...}], ...}): its refusal names the key
// and how to write the bars as the array of bars the CLI reads, rather than only what it reads.

import { isJsonObject, quotedCell } from "@stock-patterns/core";
import { polygonRewrite } from "./polygon-bars";

/** A jq path to `key`: `.results`, or `.["bar list"]` for a key that is no identifier. */
const jqPath = (key: string) =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `.[${JSON.stringify(key)}]`;

/**
 * What the refusal of JSON `text` that is an object adds when one of its keys holds an array of objects:
 * the key, and for Polygon's keys (t and c at least) the jq command that writes them as bars; "" when the
 * text is no such object (JSON Lines, an object of no array).
 *
 * @example
 * wrappedBarsHint('{"results":[{"t":1704171600000,"c":472.65}]}')
 * // ': this object holds its bars under "results", as Polygon\'s aggregates do: ... jq \'[.results[] | {time: .t, close: .c}]\' FILE > bars.json'
 */
export function wrappedBarsHint(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "";
  }
  if (!isJsonObject(value)) return "";
  const held = Object.entries(value).find(
    ([, items]) => Array.isArray(items) && items.length > 0 && items.every(isJsonObject),
  );
  if (held === undefined) return "";
  const [key, items] = held as [string, Record<string, unknown>[]];
  const under = `: this object holds its bars under ${quotedCell(key)}`;
  const rewrite = polygonRewrite(jqPath(key), items[0]);
  if (rewrite === undefined) return `${under}: write that array alone`;
  return (
    `${under}, as Polygon's aggregates do: write them as an array alone, with the keys the CLI reads, as ` +
    `${rewrite} does`
  );
}
