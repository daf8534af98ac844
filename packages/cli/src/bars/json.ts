// JSON bar files: an array of { time, close, ... }, one series (or one a symbol, when the bars carry a
// symbol key), with the same strict times as CSV, or string times in the layout --date-format names.

import { type Bar, BarsError, jsonBars, validateBars } from "@stock-patterns/core";
import { shown } from "../shown";
import { symbolRows } from "./json-symbols";
import { NEWEST_FIRST_ARRAY } from "./newest-first";
import { polygonRewrite } from "./polygon-bars";
import type { ReadOptions, Series } from "./series";
import { passedOverSymbolKey, symbolColumnHint } from "./symbol-synonym";
import type { DateFormat } from "./time";
import { keyTimeOfDayRefusal, passedOverKey, repeatsTime, timeOfDayHint } from "./time-of-day";
import { NotInLayout, TimeReader } from "./times";
import { asWritten } from "./written-times";

/** Whether bars refused for their order read in the reverse order: written newest first. */
function readsReversed(bars: readonly Bar[]): boolean {
  if (bars.length < 3) return false;
  try {
    validateBars([...bars].reverse());
    return true;
  } catch {
    return false;
  }
}

/**
 * The refusal `error` of the JSON array `value`'s bars, which says more for five files of a kind: bars with
 * no time that have Polygon's one-letter keys (how jq writes them with the keys the CLI reads), bars refused
 * at the second that read in the reverse order (newest first, and how jq turns them), a day's second bar
 * whose time of day is under a key not read, a bar whose time of day is read where its date, under the
 * key not read, was meant (time-of-day.ts), and bars out of order whose symbols are under a key not read
 * (a ticker: symbol-synonym.ts), where the bare refusals did not say why. `bars`: the bars read,
 * when their order was checked; `format`: the --date-format their times were read in, quoted so (written-times.ts).
 */
function hinted(error: unknown, value: unknown, bars?: readonly Bar[], format?: DateFormat): unknown {
  if (!(error instanceof BarsError) || error.row === undefined || !Array.isArray(value)) return error;
  const { row } = error;
  const item = value[row - 1];
  const rewrite = polygonRewrite(".", item);
  if (error.reason === "time is missing" && rewrite !== undefined)
    return new BarsError(
      `time is missing: these bars have Polygon's one-letter keys; write them with the keys the CLI reads, as ${rewrite} does`,
      row,
    );
  if (bars === undefined) {
    const timeOfDay = keyTimeOfDayRefusal(item);
    if (timeOfDay !== undefined) return new BarsError(timeOfDay, row);
    // A date and a time key under a layout of both (DD/MM/YYYY HH:mm): only the first key is read.
    const passedOver = passedOverKey(item);
    if (error instanceof NotInLayout && passedOver !== undefined)
      return new BarsError(`${error.reason}: ${timeOfDayHint(passedOver)}`, row);
    return error;
  }
  const reason = format === undefined ? error.reason : asWritten(error.reason, row - 1, bars, format);
  if (row === 2 && readsReversed(bars)) return new BarsError(`${reason}: ${NEWEST_FIRST_ARRAY}`, row);
  const passedOver = passedOverKey(item);
  if (passedOver !== undefined && repeatsTime(bars, row - 1))
    return new BarsError(`${reason}: ${timeOfDayHint(passedOver)}`, row);
  const timeOfDay = keyTimeOfDayRefusal(item);
  if (timeOfDay !== undefined) return new BarsError(timeOfDay, row);
  const symbols = symbolColumnHint(passedOverSymbolKey(item), bars, row - 1);
  if (symbols !== undefined) return new BarsError(`${reason}: ${symbols}`, row);
  return reason === error.reason ? error : new BarsError(reason, row);
}

/** Of two refusals of a file's bars, the one of the earlier row (either, when one has no row). */
function earlier(first: unknown, second: unknown): unknown {
  if (first === undefined) return second;
  if (!(first instanceof BarsError) || !(second instanceof BarsError)) return first;
  return (second.row ?? Number.POSITIVE_INFINITY) < (first.row ?? Number.POSITIVE_INFINITY) ? second : first;
}

/** `error` of a series' bars (rows counted within them) with the file's row of the bar it names. */
function atFileRow(error: unknown, rows: readonly number[]): unknown {
  if (!(error instanceof BarsError) || error.row === undefined) return error;
  return new BarsError(error.reason, rows[error.row - 1]);
}

/**
 * Reads a JSON array of bars as the series `options.symbol`, or, when its bars name their symbols (a
 * `symbol` key, json-symbols.ts), as one series a symbol in order of first appearance; rows are 1-based
 * array positions. Under --date-format a string time is read in its layout as a CSV cell is, and a number
 * as epoch time.
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
  const times = new TimeReader(options.dateFormat);
  // Under --date-format each bar's time is read with the bar, before the rule (validateBars) would refuse
  // its layout; without it, the rule reads them, then each is held to the file's one style.
  const { dateFormat } = options;
  const readTime = dateFormat && ((time: string | number, row: number) => times.readJson(time, row));
  let bars: Bar[] | undefined;
  let refused: unknown;
  try {
    bars = jsonBars(value, readTime);
  } catch (error) {
    refused = hinted(error, value);
  }
  let bySymbol: Map<string, number[]> | undefined;
  try {
    if (Array.isArray(value)) bySymbol = symbolRows(value, options.symbol);
  } catch (error) {
    refused = earlier(refused, error);
  }
  if (bars === undefined || bySymbol === undefined) throw refused;
  const items = value as unknown[];
  const series: Series[] = [];
  for (const [symbol, rows] of bySymbol) {
    const whole = bySymbol.size === 1;
    const own = whole ? bars : rows.map((row) => bars[row - 1] as Bar);
    try {
      validateBars(own);
    } catch (error) {
      const ownItems = whole ? items : rows.map((row) => items[row - 1]);
      throw atFileRow(hinted(error, ownItems, own, dateFormat), rows);
    }
    series.push({ symbol, bars: own, rows });
  }
  // In the file's order, whatever series each bar is of: the first bar's time sets the file's one style.
  if (dateFormat === undefined) for (const [i, bar] of bars.entries()) bar.time = times.read(bar.time, i + 1);
  return series;
}
