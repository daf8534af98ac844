// Reads the bars to replay from a CSV or JSON file, with the file's name in any error, and the symbol each
// series is replayed under: a file of one series, or of many (a universe by date, by its Symbol column).

import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { type Bar, BarsError, type NamedSeries, parseSeriesCsv, parseSeriesJson } from "@stock-patterns/core";
import { symbolSchema } from "@stock-patterns/core/contracts";
import { UsageError } from "./options";

/** What the replay is given when neither --symbol nor the file names a symbol: the bundled file's. */
export const DEFAULT_REPLAY_SYMBOL = "SPX";

/** One series to replay: its bars and the symbol the stream stores them under. */
export interface ReplaySeries {
  symbol: string;
  bars: Bar[];
}

/** How many of a file's symbols a message names before saying how many more it has. */
const NAMED_SYMBOLS = 5;

/**
 * The symbols of `series`, the first few by name: "AAPL, MSFT" or "A, B, C, D, E and 45 more".
 *
 * @example
 * listedSymbols([{ symbol: "AAPL", bars }, { symbol: "MSFT", bars }]); // "AAPL, MSFT"
 */
export function listedSymbols(series: readonly ReplaySeries[]): string {
  const symbols = series.map(({ symbol }) => symbol);
  return symbols.length > NAMED_SYMBOLS
    ? `${symbols.slice(0, NAMED_SYMBOLS).join(", ")} and ${symbols.length - NAMED_SYMBOLS} more`
    : symbols.join(", ");
}

/**
 * The series of `file` (JSON when it ends in .json, else CSV): one per symbol its rows name (a Symbol
 * column, bars' symbol keys), else one of no symbol. A UsageError names the bad row and the file as `said`
 * (as the banner shows it).
 *
 * @example
 * loadSeries("data/sp500-2000.csv"); // [{ symbol: undefined, firstRow: 2, bars: [...] }]
 */
export function loadSeries(file: string, said = file): NamedSeries[] {
  const text = readFileSync(file, "utf8");
  try {
    return extname(file).toLowerCase() === ".json" ? parseSeriesJson(JSON.parse(text)) : parseSeriesCsv(text);
  } catch (error) {
    if (error instanceof BarsError || error instanceof SyntaxError) {
      throw new UsageError(`--replay ${said}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * The series of `file` to replay and the symbol of each: the file's own (each held to the stream's rule),
 * else `given` (--symbol, as the stream stores it), else SPX. Of a file that names its symbols, `given`
 * picks the one series to replay; one the file does not name is a UsageError naming the file as `said`:
 * its bars would be stored under a name they do not have.
 *
 * @example
 * loadReplay("universe.csv", undefined); // [{ symbol: "AAPL", bars: [...] }, { symbol: "MSFT", bars: [...] }]
 * loadReplay("universe.csv", "MSFT"); // [{ symbol: "MSFT", bars: [...] }]
 */
export function loadReplay(file: string, given: string | undefined, said = file): ReplaySeries[] {
  const series = loadSeries(file, said);
  const [only] = series;
  if (only !== undefined && only.symbol === undefined)
    return [{ symbol: given ?? DEFAULT_REPLAY_SYMBOL, bars: only.bars }];
  const named = series.map(({ symbol, firstRow, bars }) => {
    const parsed = symbolSchema.safeParse(symbol);
    if (!parsed.success)
      throw new UsageError(
        `--replay ${said}: row ${firstRow}: its symbol "${symbol}": ${parsed.error.issues[0]?.message}`,
      );
    return { symbol: parsed.data, bars };
  });
  if (given === undefined) return named;
  const picked = named.filter(({ symbol }) => symbol === given);
  if (picked.length > 0) return picked;
  const listed = listedSymbols(named);
  throw new UsageError(
    named.length === 1
      ? `--symbol ${given}: --replay ${said} names its bars ${listed}; leave --symbol out to replay them as ${listed}`
      : `--symbol ${given}: --replay ${said} names no bars ${given} (its symbols: ${listed}); leave --symbol out to replay them all, or name one of them`,
  );
}
