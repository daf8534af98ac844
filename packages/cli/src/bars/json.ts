// JSON bar files: an array of { time, close, ... } for one series, with the same strict times as CSV.

import { BarsError, parseBarsJson } from "@stock-patterns/core";
import { shown } from "../shown";
import { NEWEST_FIRST_ARRAY } from "./newest-first";
import { polygonRewrite } from "./polygon-bars";
import type { ReadOptions, Series } from "./series";
import { keyTimeOfDayRefusal, passedOverKey, repeatsJsonTime, timeOfDayHint } from "./time-of-day";
import { TimeReader } from "./times";

/** Whether the bars of a JSON array refused for their order read in the reverse order: written newest first. */
function readsReversed(value: unknown[]): boolean {
  if (value.length < 3) return false;
  try {
    parseBarsJson([...value].reverse());
    return true;
  } catch {
    return false;
  }
}

/**
 * parseBarsJson, whose refusals say more for three files of a kind: bars with no time that have Polygon's
 * one-letter keys (how jq writes them with the keys the CLI reads), bars refused at the second that read in
 * the reverse order (newest first, and how jq turns them), a day's second bar whose time of day is under
 * a key not read, and a bar whose time of day is read where its date, under the key not read, was meant
 * (time-of-day.ts), where the bare refusals did not say why.
 */
function hinted(value: unknown) {
  try {
    return parseBarsJson(value);
  } catch (error) {
    if (!(error instanceof BarsError) || error.row === undefined || !Array.isArray(value)) throw error;
    const rewrite = polygonRewrite(".", value[error.row - 1]);
    if (error.reason === "time is missing" && rewrite !== undefined)
      throw new BarsError(
        `time is missing: these bars have Polygon's one-letter keys; write them with the keys the CLI reads, as ${rewrite} does`,
        error.row,
      );
    if (error.row === 2 && readsReversed(value))
      throw new BarsError(`${error.reason}: ${NEWEST_FIRST_ARRAY}`, error.row);
    const passedOver = passedOverKey(value[error.row - 1]);
    if (passedOver !== undefined && repeatsJsonTime(value, error.row))
      throw new BarsError(`${error.reason}: ${timeOfDayHint(passedOver)}`, error.row);
    const timeOfDay = keyTimeOfDayRefusal(value[error.row - 1]);
    if (timeOfDay !== undefined) throw new BarsError(timeOfDay, error.row);
    throw error;
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
  const bars = hinted(value);
  const times = new TimeReader(options.dateFormat);
  for (const [i, bar] of bars.entries()) bar.time = times.read(bar.time, i + 1);
  return [{ symbol: options.symbol, bars, rows: bars.map((_, i) => i + 1) }];
}
