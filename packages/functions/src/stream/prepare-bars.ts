// A symbol's new bars run through the streaming detector against its window before anything is written:
// what the writes will store, and which alerts they will read, so a stream batch reads the alerts of all
// its symbols in one call instead of a few per symbol.

import {
  type Bar,
  DETECTOR_STATE_VERSION,
  type DetectorState,
  decideSeverity,
  type OutcomeEvent,
  StreamingDetector,
  type TrackedDetection,
} from "@stock-patterns/core";
import { storedAlertIds } from "#alerts";
import { earlierPatternKey, type PatternKey } from "#analysis";
import { type DetectionRun, traced } from "#observability";
import { type SetAsideBar, sortArrivals } from "./arrivals";
import { collapseOutcomeMoves, type OutcomeMoves, outcomeKey } from "./outcome-moves";
import type { SymbolWindow } from "./repository";

/** A symbol's bars applied to its window in memory: everything applyBars then stores. */
export interface PreparedBars {
  symbol: string;
  interval: string;
  window: SymbolWindow;
  /** The bars after the window's newest one, in time order. */
  fresh: Bar[];
  /**
   * Bars at an instant the window holds, or repeating an instant of the batch, and bars before the oldest
   * of a window that has let bars go (taken for ones let go): they change nothing.
   */
  duplicates: number;
  /** Bars at such an instant with other values: set aside, not applied (arrivals.ts). */
  conflicts: SetAsideBar[];
  /**
   * Bars older than the window's newest at an instant never applied, where the window would hold them:
   * set aside, not applied (arrivals.ts).
   */
  late: SetAsideBar[];
  /** The new detections, with their running evidence. */
  detections: TrackedDetection[];
  /** The detector after the fresh bars (window bars, open outcomes, evidence). */
  state: DetectorState;
  moves: OutcomeMoves;
  /**
   * The detector's run over the fresh bars (none without them), for PatternDetectionDuration: recorded by
   * the caller, a stream batch's runs together (recordDetectionRuns), so its lines are per batch, not per symbol.
   */
  run?: DetectionRun;
}

/**
 * Runs `bars` (in stream order; see sortArrivals) through the detector resumed from `window`, in time order.
 * Pure apart from the trace; nothing is read or written, and the run's duration is returned, not recorded.
 *
 * @example
 * const prepared = await prepareBars("SPX", "1d", bars, window);
 */
export async function prepareBars(
  symbol: string,
  interval: string,
  bars: readonly Bar[],
  window: SymbolWindow,
): Promise<PreparedBars> {
  const { fresh, duplicates, conflicts, late } = sortArrivals(window, bars, `${symbol} ${interval}`);
  const resumed: DetectorState = {
    version: DETECTOR_STATE_VERSION,
    bars: window.bars,
    outcomes: window.outcomes,
  };
  // Resumed only for bars to apply: a window holding a time the detector does not read has none (arrivals.ts),
  // and with nothing fresh the window is not saved again.
  const detector = fresh.length === 0 ? undefined : new StreamingDetector({ outcomes: true }, resumed);
  const started = performance.now();
  const detections: TrackedDetection[] = [];
  const events: OutcomeEvent[] = [];
  let run: DetectionRun | undefined;
  if (detector !== undefined) {
    await traced("detect.stream", () => {
      for (const bar of fresh) {
        const update = detector.advance(bar);
        detections.push(...update.detections);
        events.push(...update.events);
      }
    });
    run = { detections, milliseconds: performance.now() - started };
  }
  const state = detector?.state() ?? resumed;
  const stillOpen = new Set((state.outcomes?.open ?? []).map(outcomeKey));
  const moves = collapseOutcomeMoves(symbol, interval, detections, events, window, stillOpen);
  return {
    symbol,
    interval,
    window,
    fresh,
    duplicates,
    conflicts,
    late,
    detections,
    state,
    moves,
    run,
  };
}

/**
 * The alerts applyBars will read for prepared bars: those its new detections raise (severity MEDIUM or
 * above) and those its breakouts and resolutions are told on (when the window knew their ids).
 *
 * @example
 * const ids = prepared.flatMap(alertsToRead); // one batch read for the whole stream batch
 */
export function alertsToRead(prepared: PreparedBars): string[] {
  const { symbol, interval, detections, moves } = prepared;
  const raised = detections
    .filter((d) => decideSeverity(d.confidence) !== null)
    .flatMap((d) => storedAlertIds(symbol, interval, d));
  const told = moves.lifecycle.flatMap(({ alertId }) => (alertId === undefined ? [] : [alertId]));
  return [...raised, ...told];
}

/**
 * The detections applyBars will look for under the ids releases before instant ids gave them (none
 * where a detection's times are written as ISO UTC with milliseconds): one stored so is not stored again.
 *
 * @example
 * const keys = prepared.flatMap(earlierPatternsToRead); // read with the batch's alerts, in one call
 */
export function earlierPatternsToRead(prepared: PreparedBars): PatternKey[] {
  const { symbol, interval, detections } = prepared;
  return detections.flatMap((d) => earlierPatternKey(symbol, interval, d) ?? []);
}
