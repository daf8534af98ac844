// Which bars a window keeps before the detector's own: the rest of the newest HELD_BARS, so every bar
// after an open outcome's detection can be read back (GET /bars) without a table of bars.

import { type Bar, HELD_BARS } from "@stock-patterns/core";
import type { SymbolWindow } from "./repository";

/**
 * The bars to keep before the detector's newest `kept` bars, after `fresh` bars extend the window: the
 * newest HELD_BARS of the series held so far, less the last `kept`.
 *
 * @example
 * earlierBars(window, fresh, 38).length // at most HELD_BARS - 38 = 37
 */
export function earlierBars(
  window: Pick<SymbolWindow, "earlierBars" | "bars">,
  fresh: readonly Bar[],
  kept: number,
): Bar[] {
  const series = [...(window.earlierBars ?? []), ...window.bars, ...fresh];
  return series.slice(Math.max(0, series.length - HELD_BARS), series.length - kept);
}
