// Stored windows the size the KinesisConsumer keeps: the streaming detector run over the bundled series
// (as 1-minute bars) and saved as applyBars saves it, the newest WINDOW bars, the rest of the newest
// HELD_BARS before them, and the open outcomes with the running tally.

import { type Bar, HELD_BARS, StreamingDetector } from "@stock-patterns/core";
import { loadWindow, saveWindow, type WindowTracking } from "#stream";
import { sp500 } from "./fixtures";

/** What one stored window holds besides its key. */
export interface HeldWindow extends WindowTracking {
  bars: Bar[];
}

const MINUTE = 60_000;
const OPEN = Date.UTC(2026, 0, 5, 14, 30);

let cached: HeldWindow[] | undefined;

/**
 * Distinct windows as the stream leaves them: the detector's state every 37 bars of the bundled series
 * (from its 200th bar, so the tally has counted), times as 1-minute instants.
 *
 * @example
 * heldWindows().length // 49
 */
export function heldWindows(): HeldWindow[] {
  if (cached) return cached;
  const series = sp500().map((bar, i) => ({ ...bar, time: new Date(OPEN + i * MINUTE).toISOString() }));
  const detector = new StreamingDetector({ outcomes: true });
  cached = [];
  for (const [i, bar] of series.entries()) {
    detector.advance(bar);
    if (i < 200 || (i - 200) % 37 !== 0) continue;
    const { bars, outcomes } = detector.state();
    const held = series.slice(Math.max(0, i + 1 - HELD_BARS), i + 1 - bars.length);
    cached.push({ bars, earlierBars: held, outcomes });
  }
  return cached;
}

/**
 * Saves `count` windows (symbols `${prefix}0000`…, each one of heldWindows in turn) through saveWindow,
 * `inFlight` at a time.
 *
 * @example
 * await seedWindows(500, "1m"); // SYM0000 … SYM0499
 */
export async function seedWindows(
  count: number,
  interval: string,
  { from = 0, prefix = "SYM", inFlight = 16 } = {},
): Promise<void> {
  const windows = heldWindows();
  let next = from;
  const worker = async () => {
    while (next < from + count) {
      const n = next++;
      const held = windows[n % windows.length] as HeldWindow;
      const symbol = `${prefix}${String(n).padStart(4, "0")}`;
      const { bars, ...tracking } = held;
      await saveWindow(await loadWindow(symbol, interval), bars, tracking);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}
