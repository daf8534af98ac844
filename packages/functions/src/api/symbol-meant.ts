// For a series the stream has not seen: the symbol of its interval it was likely meant as, from the list of
// series the ThresholdChecker pools (one read, on the 404's path only).

import { didYouMean, nearMiss } from "@stock-patterns/core";
import { seriesList } from "#evidence";

/**
 * The words a 404 for `symbol` ends with when exactly one listed symbol of `interval` is near it (core's
 * nearMiss: the same but for punctuation, or a letter off; `BRK-B` for `BRK.B`): "" when none or several
 * are (short tickers sit close together, and a guess among several would mislead), or nothing is listed.
 *
 * @example
 * await symbolMeant("SPXX", "1d") // " (did you mean SPX?)" once SPX of 1d is listed
 */
export async function symbolMeant(symbol: string, interval: string): Promise<string> {
  const listed = await seriesList(interval);
  return didYouMean(listed ? nearMiss(symbol, listed.symbols) : undefined);
}
