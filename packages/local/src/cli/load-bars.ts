// Reads the bars to replay from a CSV or JSON file, with the file's name in any error, and the symbol they
// are replayed under.

import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { type Bar, BarsError, parseBarsCsv, parseBarsJson, SeriesSymbol } from "@stock-patterns/core";
import { symbolSchema } from "@stock-patterns/core/contracts";
import { UsageError } from "./options";

/** What the replay is given when neither --symbol nor the file names a symbol: the bundled file's. */
export const DEFAULT_REPLAY_SYMBOL = "SPX";

/**
 * The bars of `file` (JSON when it ends in .json, else CSV), or a UsageError naming the bad row and the
 * file as `said` (as the banner shows it); the symbol its rows name, if they name one, goes to `symbol`.
 *
 * @example
 * const bars = loadBars("data/sp500-2000.csv");
 */
export function loadBars(file: string, symbol = new SeriesSymbol(), said = file): Bar[] {
  const text = readFileSync(file, "utf8");
  try {
    return extname(file).toLowerCase() === ".json"
      ? parseBarsJson(JSON.parse(text), symbol)
      : parseBarsCsv(text, symbol);
  } catch (error) {
    if (error instanceof BarsError || error instanceof SyntaxError) {
      throw new UsageError(`--replay ${said}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * The bars of `file` and the symbol they are replayed under: `given` (--symbol, as the stream stores it),
 * else the one the file's rows name (its Symbol column, its bars' symbol key), else SPX. A --symbol other
 * than the file's, or a file's symbol the stream would refuse, is a UsageError naming the file as `said`:
 * its bars would be stored under a name they do not have.
 *
 * @example
 * loadReplay("aapl.csv", undefined); // { bars: [...], symbol: "AAPL" } for a file with a Symbol column
 */
export function loadReplay(
  file: string,
  given: string | undefined,
  said = file,
): { bars: Bar[]; symbol: string } {
  const named = new SeriesSymbol();
  const bars = loadBars(file, named, said);
  if (named.named === undefined) return { bars, symbol: given ?? DEFAULT_REPLAY_SYMBOL };
  const parsed = symbolSchema.safeParse(named.named);
  if (!parsed.success)
    throw new UsageError(`--replay ${said}: its symbol "${named.named}": ${parsed.error.issues[0]?.message}`);
  if (given !== undefined && given !== parsed.data)
    throw new UsageError(
      `--symbol ${given}: --replay ${said} names its bars ${parsed.data}; leave --symbol out to replay them as ${parsed.data}`,
    );
  return { bars, symbol: parsed.data };
}
