// A stream batch's symbols applied together: their windows read in one call, their bars run through the
// detector, the alerts all of them will read (and the detections earlier releases may have stored) read
// in one call, then each symbol stored on its own.

import { type Bar, seriesKey } from "@stock-patterns/core";
import { alertsRead } from "#alerts";
import { patternsRead } from "#analysis";
import { logger, recordDetectionRuns, withAlertPrioritiesPerBatch } from "#observability";
import { readTogether } from "#repositories";
import { type ApplyResult, applyBars, type SetAside } from "./apply-bars";
import { alertsToRead, earlierPatternsToRead, type PreparedBars, prepareBars } from "./prepare-bars";
import { loadWindows, type SymbolWindow } from "./repository";

/** One series' bars from a stream batch, in stream order. */
export interface SeriesBars {
  symbol: string;
  interval: string;
  bars: readonly Bar[];
  /** Where its late and conflicting bars go, before its window is saved (applyBars). */
  setAside?: SetAside;
}

/**
 * Applies each series' bars (applyBars), with the reads of the whole batch made once: the windows, then
 * the alerts its new detections raise and its breakouts and resolutions are told on, with its new
 * detections under the ids releases before instant ids gave them (one call). Symbols are
 * independent: one that fails leaves the others, and a failed batch read leaves each symbol to read its
 * own. One result per series, in order.
 *
 * @example
 * const results = await applyBatch([{ symbol: "SPX", interval: "1d", bars }]);
 */
export async function applyBatch(
  series: readonly SeriesBars[],
): Promise<PromiseSettledResult<ApplyResult>[]> {
  const windows = await loadWindows(series).catch((error: unknown) => {
    logger.warn("Reading the batch's windows failed; reading them one by one", { error: error as Error });
    return new Map<string, SymbolWindow>();
  });
  const windowOf = (s: SeriesBars) => windows.get(seriesKey(s.symbol, s.interval));
  const prepared = await Promise.all(
    series.map(async (s): Promise<PreparedBars | undefined> => {
      const window = windowOf(s);
      // One that cannot be prepared here fails again in applyBars, as that symbol's failure alone.
      return window && prepareBars(s.symbol, s.interval, s.bars, window).catch(() => undefined);
    }),
  );
  // The detector's time of every symbol in a few lines for the batch (one each would be a line a bar at b = 1).
  recordDetectionRuns(
    prepared.flatMap((p) => p?.run ?? []),
    "stream",
  );
  const alertIds = prepared.flatMap((p) => (p ? alertsToRead(p) : []));
  const patternKeys = prepared.flatMap((p) => (p ? earlierPatternsToRead(p) : []));
  const [alerts, patterns] = await readTogether(alertsRead(alertIds), patternsRead(patternKeys)).catch(
    (error: unknown): [undefined, undefined] => {
      logger.warn("Reading the batch's alerts and detections failed; each symbol reads its own", {
        error: error as Error,
      });
      return [undefined, undefined];
    },
  );
  // The new alerts of all the symbols counted in a line per severity, not a line per symbol and severity.
  return withAlertPrioritiesPerBatch(() =>
    Promise.allSettled(
      series.map((s, i) => {
        const window = windowOf(s);
        const before = window && { window, prepared: prepared[i], alerts, patterns };
        return applyBars(s.symbol, s.interval, s.bars, before, s.setAside);
      }),
    ),
  );
}
