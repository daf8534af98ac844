// One symbol's new bars from a stream batch: extend its stored window, detect, store, alert, save the window.

import { type Bar, StreamingDetector, timeValue } from "@stock-patterns/core";
import { raiseDetectionAlerts } from "../alerts/raise";
import { grade, summarize } from "../analysis/graded";
import { savePatterns } from "../analysis/repository";
import { recordDetectionRun } from "../observability/metrics";
import { traced } from "../observability/tracer";
import { loadWindow, type SymbolWindow, saveWindow, WindowConflictError } from "./repository";

/** What applying a symbol's bars did. */
export interface ApplyResult {
  applied: number;
  duplicates: number;
  detections: number;
  alerts: number;
}

const ATTEMPTS = 3;

/**
 * Applies bars (in stream order) to a symbol's window. A bar at or before the window's newest bar is a
 * duplicate and changes nothing. Detections and alerts have deterministic ids, so a replayed batch stores
 * nothing new. The window is saved under its version; when another writer got there first, the bars are
 * applied again to the newer window (at most 3 attempts). `loaded` is the window when the caller read it
 * already (with the batch's other symbols).
 */
export async function applyBars(
  symbol: string,
  interval: string,
  bars: readonly Bar[],
  loaded?: SymbolWindow,
): Promise<ApplyResult> {
  for (let attempt = 1; ; attempt++) {
    // The window read with the rest of the batch serves the first attempt; a retry reads it afresh.
    const window = attempt === 1 && loaded ? loaded : await loadWindow(symbol, interval);
    const detector = new StreamingDetector({}, window.bars);
    let last = window.bars.length > 0 ? timeValue(window.bars[window.bars.length - 1].time) : -Infinity;
    const fresh: Bar[] = [];
    for (const bar of bars) {
      const time = timeValue(bar.time);
      if (time <= last) continue;
      fresh.push(bar);
      last = time;
    }
    const duplicates = bars.length - fresh.length;
    if (fresh.length === 0) return { applied: 0, duplicates, detections: 0, alerts: 0 };

    const started = performance.now();
    const detections = await traced("detect.stream", () => fresh.flatMap((bar) => detector.push(bar)));
    const elapsed = performance.now() - started;
    recordDetectionRun(detections, elapsed, "stream");
    const series = [...window.bars, ...fresh];
    const { patterns } = await savePatterns(symbol, interval, detections, "stream", series);
    const alerts = await raiseDetectionAlerts(symbol, interval, grade(symbol, patterns.map(summarize)));
    try {
      await saveWindow(window, detector.window());
    } catch (error) {
      if (error instanceof WindowConflictError && attempt < ATTEMPTS) continue;
      throw error;
    }
    return { applied: fresh.length, duplicates, detections: detections.length, alerts: alerts.length };
  }
}
