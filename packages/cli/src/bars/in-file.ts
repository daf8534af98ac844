// A refusal of a series' bars (their order, a close) said in the file's terms: the file's row, not the
// series' index, the times as the file writes them, and what the file's layout tells about why. Read by
// the scan (scan-file.ts) and by npm start's replay of a file, which checks the bars' order itself.

import { BarsError, validateBars } from "@stock-patterns/core";
import { NEWEST_FIRST, runsNewestFirst } from "./newest-first";
import type { Series } from "./series";
import { symbolColumnHint } from "./symbol-synonym";
import { repeatsTime, timeOfDayHint } from "./time-of-day";
import { asWritten } from "./written-times";

/** What of a series a refusal of its bars reads. */
export type SeriesInFile = Pick<
  Series,
  "bars" | "rows" | "passedOverTime" | "passedOverSymbol" | "dateFormat"
>;

/**
 * `error` (a BarsError whose row is the series' index + 1, as core's checks of bars throw it) at the file's
 * row, quoting the times as the file writes them (written-times.ts), saying so when the whole series is
 * newest first, naming the time column passed over when a bar repeats the time before it (time-of-day.ts),
 * or a column of symbols passed over (a Ticker: symbol-synonym.ts) when a bar is not after the one
 * before. Any other error is given back as it is.
 *
 * @example
 * inFileTerms(new BarsError("close must be a finite number", 2), series) // the same at series.rows[1]
 */
export function inFileTerms(error: unknown, series: SeriesInFile): unknown {
  if (!(error instanceof BarsError) || error.row === undefined) return error;
  const { bars, rows, passedOverTime, passedOverSymbol, dateFormat } = series;
  const index = error.row - 1;
  const reason = dateFormat ? asWritten(error.reason, index, bars, dateFormat) : error.reason;
  const hint =
    error.row === 2 && runsNewestFirst(bars)
      ? NEWEST_FIRST
      : passedOverTime !== undefined && repeatsTime(bars, index)
        ? timeOfDayHint(passedOverTime)
        : symbolColumnHint(passedOverSymbol, bars, index);
  return new BarsError(hint === undefined ? reason : `${reason}: ${hint}`, rows[index]);
}

/**
 * Checks the series' bars as core's scan does (each after the one before, each close a finite number),
 * throwing the refusal in the file's terms (inFileTerms).
 *
 * @example
 * checkInFile(readSeries(text, { symbol: "SPX" })[0]) // throws BarsError: row 3: time "2020-01-02" is not after ...
 */
export function checkInFile(series: SeriesInFile): void {
  try {
    validateBars(series.bars);
  } catch (error) {
    throw inFileTerms(error, series);
  }
}
