// For a series the stream has not seen: the symbol of its interval it was likely meant as, from the list of
// series the ThresholdChecker pools (one read, on the 404's path only).

import { didYouMean, nearMiss } from "@stock-patterns/core";
import { seriesList } from "#evidence";
import { logger } from "#observability";
import { ProblemError } from "./problem";

/**
 * The one listed symbol of `interval` near `symbol` (core's nearMiss: the same but for punctuation, or a
 * letter off; `BRK-B` for `BRK.B`), or undefined when none or several are (short tickers sit close
 * together, and a guess among several would mislead), or nothing is listed.
 */
async function symbolMeant(symbol: string, interval: string): Promise<string | undefined> {
  try {
    const listed = await seriesList(interval);
    return listed ? nearMiss(symbol, listed.symbols) : undefined;
  } catch (error) {
    // A hint: the 404 stands without it, rather than become a 500 because the list could not be read.
    logger.warn("no symbol hint: the list of series could not be read", { interval, error });
    return undefined;
  }
}

/**
 * The 404 for a series of `symbol` and `interval` the stream has not seen: `detail` ends with the symbol
 * meant, which the problem also gives as `meant` (core's seriesProblemSchema) for a page to link.
 *
 * @example
 * throw await unseenSeries("SPXX", "1d", "the stream holds no bars of SPXX 1d") // ... (did you mean SPX?)
 */
export async function unseenSeries(symbol: string, interval: string, detail: string): Promise<ProblemError> {
  const meant = await symbolMeant(symbol, interval);
  return new ProblemError(404, "Not found", `${detail}${didYouMean(meant)}`, meant ? { meant } : {});
}
