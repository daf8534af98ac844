// Polygon's (now Massive's) aggregate bars name their fields by one letter ({"t": 1704171600000, "o": ...,
// "c": ...}): a refusal of such bars says how jq writes them with the keys the CLI reads.

import { isJsonObject, POLYGON_BAR_KEYS } from "@stock-patterns/core";

/** Polygon's one-letter key of each field of an aggregate bar, by the key the CLI reads it by. */
const POLYGON_KEYS = Object.entries(POLYGON_BAR_KEYS);

/**
 * The jq command that writes the Polygon bars of the array at `path` (`.` for the whole file,
 * `.results` for a key) as bars, from the fields `bar` has; undefined when `bar` lacks t or c.
 *
 * @example
 * polygonRewrite(".", { t: 1704171600000, c: 472.65 }) // "jq '[.[] | {time: .t, close: .c}]' FILE > bars.json"
 */
export function polygonRewrite(path: string, bar: unknown): string | undefined {
  if (!isJsonObject(bar)) return undefined;
  const keys = POLYGON_KEYS.filter(([, letter]) => letter in bar);
  if (!keys.some(([name]) => name === "time") || !keys.some(([name]) => name === "close")) return undefined;
  const fields = keys.map(([name, letter]) => `${name}: .${letter}`).join(", ");
  return `jq '[${path}[] | {${fields}}]' FILE > bars.json`;
}
