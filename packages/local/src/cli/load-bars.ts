// Reads the bars to replay from a CSV or JSON file, or a folder of them, as `patterns scan` reads them (the
// CLI's reader: its separators, quoting, headers and times), with the file's name in any error, and the
// symbol each series is replayed under: a file of one series, a file of many (a universe by date, by its
// Symbol column), or a folder of a file per symbol (the symbol its name, as `patterns scan DIR`).

import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import {
  badFileSymbol,
  checkInFile,
  decodeText,
  readSeries,
  type Series,
  symbolOf,
} from "@stock-patterns/cli/bars";
import { type Bar, BarsError, storedSymbol } from "@stock-patterns/core";
import { type BarFileReading, UsageError } from "./options";
import { passedOver, replayFiles, unreadable } from "./replay-files";

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
export function listedSymbols(series: readonly { symbol: string }[]): string {
  const symbols = series.map(({ symbol }) => symbol);
  return symbols.length > NAMED_SYMBOLS
    ? `${symbols.slice(0, NAMED_SYMBOLS).join(", ")} and ${symbols.length - NAMED_SYMBOLS} more`
    : symbols.join(", ");
}

/**
 * The symbol the reader gives the series of a file whose rows name none: no symbol's (the reader refuses an
 * empty Symbol cell or symbol key), so such a series is told from a file's own.
 */
const UNNAMED = "";

/**
 * The series of `file`, read as `patterns scan` reads it (JSON when it starts with "[", else CSV): one per
 * symbol its rows name (a Symbol column, bars' symbol keys), else one of symbol UNNAMED; each held to the
 * bars' rules as the scan holds them (each after the one before); `read`: --delimiter and --date-format. A
 * UsageError names the file as `said` (as the banner shows it) and the bad row, or says why the system
 * would not read it (unreadable).
 *
 * @example
 * loadSeries("data/sp500-2000.csv"); // [{ symbol: "", rows: [2, 3, ...], bars: [...] }]
 */
export function loadSeries(file: string, said = file, read: BarFileReading = {}): Series[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw unreadable(file, error, said);
  }
  try {
    const series = readSeries(decodeText(bytes), { ...read, symbol: UNNAMED });
    for (const one of series) checkInFile(one);
    return series;
  } catch (error) {
    if (error instanceof BarsError) throw new UsageError(`--replay ${said}: ${error.message}`);
    throw error;
  }
}

/**
 * The series of `path` to replay and the symbol of each: a file's own (each held to the stream's rule),
 * else, for a file in a folder, its name's (AAPL.csv is AAPL), else `given`'s one symbol (--symbol, as the
 * stream stores it), else SPX. Of series that name their symbols, `given` picks the ones to replay, in the
 * file's order. A UsageError, naming the path as `said`: a symbol they do not name (its bars would be
 * stored under a name they do not have), two symbols for a file that names none, a symbol two files of a
 * folder give, a folder none of whose files can be read. `how.setAside`: handed a line for each file of a
 * folder that cannot be read (a bad row, a name that gives no symbol), which is passed over, as
 * `patterns scan DIR` sets such a file aside; without it, such a file is refused. `how.said`: the path as
 * the banner shows it; `how.files`: the files `path` stands for (replay-files.ts), when already listed;
 * `how.read`: how they are read (loadSeries).
 *
 * @example
 * loadReplay("universe.csv", undefined); // [{ symbol: "AAPL", bars: [...] }, { symbol: "MSFT", bars: [...] }]
 * loadReplay("universe.csv", ["MSFT"]); // [{ symbol: "MSFT", bars: [...] }]
 * loadReplay("universe", undefined); // a series per file: universe/AAPL.csv's as AAPL, ...
 */
export function loadReplay(
  path: string,
  given: readonly string[] | undefined,
  how: {
    said?: string;
    files?: string[];
    read?: BarFileReading;
    setAside?: (line: string) => void;
  } = {},
): ReplaySeries[] {
  const { said = path, read, setAside } = how;
  const files = how.files ?? replayFiles(path, said, setAside);
  if (files.length === 1 && files[0] === path) {
    const series = loadSeries(path, said, read);
    const bars = unnamedBars(series);
    if (bars !== undefined) return [{ symbol: oneSymbol(given, said), bars }];
    return picked(namedSeries(series, said), given, said);
  }
  const from = new Map<string, string>();
  const named = files.flatMap((file) => {
    const shown = join(said, basename(file));
    const own = fileSeries(file, shown, read, setAside);
    for (const { symbol } of own) {
      const earlier = from.get(symbol);
      if (earlier !== undefined)
        throw new UsageError(
          `--replay ${said}: ${symbol} is given by ${earlier} and by ${shown}; one of them would be replayed over the other`,
        );
      from.set(symbol, shown);
    }
    return own;
  });
  if (named.length === 0)
    throw new UsageError(`--replay ${said}: none of its files can be replayed (each is said above)`);
  return picked(named, given, said);
}

/** The series of a folder's `file` (shown as `shown`); none when it cannot be read and `setAside` takes it. */
function fileSeries(
  file: string,
  shown: string,
  read: BarFileReading | undefined,
  setAside: ((line: string) => void) | undefined,
): ReplaySeries[] {
  try {
    const series = loadSeries(file, shown, read);
    const bars = unnamedBars(series);
    return bars ? [{ symbol: fileSymbol(file, shown), bars }] : namedSeries(series, shown);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    passedOver(error, setAside);
    return [];
  }
}

/** The bars of a file that names no symbol (its one series of symbol UNNAMED), else undefined. */
function unnamedBars(series: readonly Series[]): Bar[] | undefined {
  const [only] = series;
  return only !== undefined && only.symbol === UNNAMED ? only.bars : undefined;
}

/**
 * Each series under its symbol as the stream stores it (upper case; the reader held each to the stream's
 * rule at its first row); a UsageError when the file writes one symbol two ways (aapl and AAPL), whose
 * series the stream would store as one.
 */
function namedSeries(series: readonly Series[], said: string): ReplaySeries[] {
  const written = new Map<string, string>();
  return series.map(({ symbol, bars }) => {
    const stored = storedSymbol(symbol);
    const before = written.get(stored);
    if (before !== undefined)
      throw new UsageError(
        `--replay ${said}: the symbol ${stored} is written both ${before} and ${symbol}; the stream would take them as one series (write it one way)`,
      );
    written.set(stored, symbol);
    return { symbol: stored, bars };
  });
}

/** The symbol a file's name gives (as `patterns scan DIR` reads it), as the stream stores it; a UsageError if none. */
function fileSymbol(file: string, said: string): string {
  const symbol = symbolOf(file);
  const refusal = badFileSymbol(said, symbol);
  if (refusal !== undefined) throw new UsageError(`--replay ${refusal}`);
  return storedSymbol(symbol);
}

/** The symbol a file's bars that name none are replayed as: `given`'s one, else SPX; a UsageError for two. */
function oneSymbol(given: readonly string[] | undefined, said: string): string {
  if (given === undefined) return DEFAULT_REPLAY_SYMBOL;
  const [symbol, ...more] = given;
  if (symbol === undefined || more.length > 0)
    throw new UsageError(
      `--symbol ${given.join(",")}: --replay ${said} names no symbol, so its bars are one series: give --symbol one symbol to replay them as`,
    );
  return symbol;
}

/** The series `given` (--symbol) names, or all when it is undefined; a UsageError for one it does not name. */
function picked(named: ReplaySeries[], given: readonly string[] | undefined, said: string): ReplaySeries[] {
  if (given === undefined) return named;
  const symbols = new Set(named.map(({ symbol }) => symbol));
  const missing = given.find((symbol) => !symbols.has(symbol));
  if (missing === undefined) return named.filter(({ symbol }) => given.includes(symbol));
  const listed = listedSymbols(named);
  throw new UsageError(
    named.length === 1
      ? `--symbol ${given.join(",")}: --replay ${said} names its bars ${listed}; leave --symbol out to replay them as ${listed}`
      : `--symbol ${given.join(",")}: --replay ${said} names no bars ${missing} (its symbols: ${listed}); leave --symbol out to replay them all, or name some of them`,
  );
}
