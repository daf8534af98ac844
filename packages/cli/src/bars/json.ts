// JSON bar files: an array of { time, close, ... } for one series, with the same strict times as CSV.

import { BarsError, parseBarsJson } from "@stock-patterns/core";
import { shown } from "../shown";
import { polygonRewrite } from "./polygon-bars";
import type { ReadOptions, Series } from "./series";
import { TimeReader } from "./times";

/**
 * parseBarsJson, whose refusal of a bar with no time says, for one with Polygon's one-letter keys, how jq
 * writes them with the keys the CLI reads ("time is missing" alone did not say why).
 */
function polygonHinted(value: unknown) {
  try {
    return parseBarsJson(value);
  } catch (error) {
    const row = error instanceof BarsError ? error.row : undefined;
    const rewrite =
      Array.isArray(value) && row !== undefined ? polygonRewrite(".", value[row - 1]) : undefined;
    if (!(error instanceof BarsError) || error.reason !== "time is missing" || rewrite === undefined)
      throw error;
    throw new BarsError(
      `time is missing: these bars have Polygon's one-letter keys; write them with the keys the CLI reads, as ${rewrite} does`,
      row,
    );
  }
}

/**
 * Reads a JSON array of bars as the series `options.symbol`; rows are 1-based array positions.
 *
 * @example
 * readJson('[{"time":"2020-01-02","close":10}]', { symbol: "SPX" })
 */
export function readJson(text: string, options: ReadOptions): Series[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSON.parse's message quotes the text around the mistake as it is: escaped when it holds a control
    // character or an override.
    throw new BarsError(`the input is not valid JSON: ${shown((error as Error).message)}`);
  }
  const bars = polygonHinted(value);
  const times = new TimeReader(options.dateFormat);
  for (const [i, bar] of bars.entries()) bar.time = times.read(bar.time, i + 1);
  return [{ symbol: options.symbol, bars, rows: bars.map((_, i) => i + 1) }];
}
