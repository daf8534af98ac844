// One symbol's new bars from a stream batch: extend its stored window, detect, follow outcomes, store,
// alert, save the window with the detector's open outcomes.

import {
  type Bar,
  DETECTOR_STATE_VERSION,
  type OutcomeEvent,
  type RunningEvidence,
  StreamingDetector,
  type TrackedDetection,
  timeValue,
} from "@stock-patterns/core";
import { raiseDetectionAlerts, tellLifecycle } from "#alerts";
import { grade, recordOutcomes, savePatterns, summarize } from "#analysis";
import { saveSeriesSnapshot, snapshotDue } from "#evidence";
import { logger, recordDetectionRun, traced } from "#observability";
import { earlierBars } from "./held-bars";
import { collapseOutcomeMoves, outcomeKey } from "./outcome-moves";
import { loadWindow, type SymbolWindow, saveWindow, WindowConflictError } from "./repository";

/** What applying a symbol's bars did. */
export interface ApplyResult {
  applied: number;
  duplicates: number;
  detections: number;
  alerts: number;
  /** Stored detections whose outcome this call moved. */
  outcomes: number;
  /** Lifecycle messages sent (breakouts and resolutions of published or approved alerts). */
  lifecycle: number;
}

const ATTEMPTS = 3;

/** The bars after the window's newest one, in order; the rest are duplicates. */
function freshBars(window: SymbolWindow, bars: readonly Bar[]): Bar[] {
  const newest = window.bars.at(-1);
  let last = newest === undefined ? -Infinity : timeValue(newest.time);
  const fresh: Bar[] = [];
  for (const bar of bars) {
    const time = timeValue(bar.time);
    if (time <= last) continue;
    fresh.push(bar);
    last = time;
  }
  return fresh;
}

/**
 * Applies bars (in stream order) to a symbol's window. A bar at or before the window's newest bar is a
 * duplicate and changes nothing. Detections and alerts have deterministic ids and an outcome is written
 * only over an older one, so a replayed batch changes no stored record. The window (bars, open outcomes,
 * running evidence) is saved under its version; when another writer got there first, the bars are
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
    const detector = new StreamingDetector(
      { outcomes: true },
      { version: DETECTOR_STATE_VERSION, bars: window.bars, outcomes: window.outcomes },
    );
    const fresh = freshBars(window, bars);
    const duplicates = bars.length - fresh.length;
    if (fresh.length === 0)
      return { applied: 0, duplicates, detections: 0, alerts: 0, outcomes: 0, lifecycle: 0 };

    const started = performance.now();
    const detections: TrackedDetection[] = [];
    const events: OutcomeEvent[] = [];
    await traced("detect.stream", () => {
      for (const bar of fresh) {
        const update = detector.advance(bar);
        detections.push(...update.detections);
        events.push(...update.events);
      }
    });
    recordDetectionRun(detections, performance.now() - started, "stream");
    const state = detector.state();
    const stillOpen = new Set((state.outcomes?.open ?? []).map(outcomeKey));
    const moves = collapseOutcomeMoves(
      symbol,
      interval,
      detections,
      events,
      window.patternIds ?? {},
      stillOpen,
    );
    if (moves.unknown.length > 0)
      logger.warn("Outcomes of detections with no stored id", { symbol, interval, keys: moves.unknown });

    const series = [...window.bars, ...fresh];
    const { patterns } = await savePatterns(symbol, interval, moves.detections, "stream", series);
    const outcomes = await recordOutcomes(moves.updates);
    const evidence = new Map<string, RunningEvidence>();
    for (const [i, pattern] of patterns.entries()) {
      const found = detections[i];
      if (found === undefined)
        throw new Error(`no detection for saved pattern ${i}: one pattern per detection`);
      evidence.set(pattern.patternId, found.evidence);
    }
    const graded = grade(symbol, patterns.map(summarize)).map((d) => ({
      ...d,
      evidence: evidence.get(d.patternId),
    }));
    const alerts = await raiseDetectionAlerts(symbol, interval, graded);
    const lifecycle = await tellLifecycle(symbol, interval, moves.lifecycle);
    // GET /stats as of a past time reads these (the window keeps only the newest tally).
    const last = fresh.at(-1)?.time;
    if (last !== undefined && state.outcomes && snapshotDue(window.bars.at(-1)?.time, last))
      await saveSeriesSnapshot(symbol, interval, last, state.outcomes.evidence);
    try {
      await saveWindow(window, state.bars, {
        earlierBars: earlierBars(window, fresh, state.bars.length),
        outcomes: state.outcomes,
        patternIds: moves.patternIds,
      });
    } catch (error) {
      if (error instanceof WindowConflictError && attempt < ATTEMPTS) continue;
      throw error;
    }
    return {
      applied: fresh.length,
      duplicates,
      detections: detections.length,
      alerts: alerts.length,
      outcomes,
      lifecycle,
    };
  }
}
