// The streaming detector: push one bar, get the detections it completes. Same arithmetic as the batch
// scan (same kernel, same per-bar facts, same window evaluator), so the output is identical. With
// outcomes on, it also follows each detection's outcome and the running evidence (outcomes/book.ts).

import { checkNextBar } from "../bars/validate";
import { OutcomeBook, type OutcomeBookState, type TrackedDetection } from "../outcomes/book";
import type { OutcomeEvent } from "../outcomes/types";
import type { Bar, Detection } from "../types";
import { startBar, toDetections } from "./detections";
import { keepShape } from "./kept-shapes";
import { smoothingKernel } from "./kernel";
import { type DetectOptions, resolveOptions } from "./options";
import { SmoothedSeries } from "./series";
import { WINDOW } from "./spec";
import { WindowEvaluator } from "./window";

const CAPACITY = 4096;

/** Whether a detector with outcomes has been kept for its shapes (see the constructor). */
let shapesKept = false;

/** The version of DetectorState this code writes and reads. */
export const DETECTOR_STATE_VERSION = 1;

/** Everything a detector needs to resume exactly: plain JSON, small (one window of bars, open outcomes). */
export interface DetectorState {
  version: typeof DETECTOR_STATE_VERSION;
  /** The newest bars, at most one window. */
  bars: Bar[];
  /** Present when the detector follows outcomes. */
  outcomes?: OutcomeBookState;
}

export interface StreamOptions extends DetectOptions {
  /** Follow each detection's outcome and the running evidence (see `advance`). Default false. */
  outcomes?: boolean;
}

/** What one pushed bar produced: new detections, and the changes it made to earlier detections' outcomes. */
export interface BarUpdate {
  detections: TrackedDetection[];
  events: OutcomeEvent[];
}

/**
 * Detects patterns bar by bar. Persist `state()` (or just `window()` without outcomes) and pass it back
 * as `history` to resume exactly.
 *
 * @example
 * const detector = new StreamingDetector();
 * for (const bar of bars) for (const d of detector.push(bar)) console.log(d.pattern, d.detectedAt);
 *
 * const tracking = new StreamingDetector({ outcomes: true });
 * const { detections, events } = tracking.advance(bar);
 */
export class StreamingDetector {
  private readonly evaluator: WindowEvaluator;
  private readonly series: SmoothedSeries;
  private readonly bars: Bar[] = new Array(CAPACITY);
  private readonly book: OutcomeBook | undefined;
  private size = 0;
  private pushed = 0;
  private lastTime = Number.NEGATIVE_INFINITY;

  /** `history` is earlier bars (their detections and outcomes are not reported) or a saved state. */
  constructor(options: StreamOptions = {}, history: readonly Bar[] | DetectorState = []) {
    const { bandwidth, wanted } = resolveOptions(options);
    const kernel = smoothingKernel(bandwidth);
    this.series = new SmoothedSeries(kernel, CAPACITY);
    this.evaluator = new WindowEvaluator(kernel, wanted);
    const state = Array.isArray(history) ? undefined : (history as DetectorState);
    if (state !== undefined && state.version !== DETECTOR_STATE_VERSION)
      throw new RangeError(
        `detector state version ${String(state.version)} is not ${DETECTOR_STATE_VERSION}`,
      );
    if (state?.outcomes !== undefined || options.outcomes) this.book = new OutcomeBook(state?.outcomes);
    const bars = state === undefined ? (history as readonly Bar[]) : state.bars;
    for (const bar of bars.slice(-WINDOW)) this.append(bar);
    // An empty detector with outcomes, kept for good from the first one a process makes (kept-shapes.ts):
    // when the last detector was collected, a full collection took the shapes of the detector, its series,
    // evaluator and book, and with them the optimized code of push, advance and the window rules they run
    // (--trace-deopt "weak objects", some 30 functions after every collection that found no detector).
    if (!shapesKept) {
      shapesKept = true;
      keepShape(new StreamingDetector({ outcomes: true }));
    }
  }

  /** The time of the newest bar, or undefined before the first. */
  get lastBarTime(): string | undefined {
    return this.bars[this.size - 1]?.time;
  }

  /** The newest bars (at most one window): all the state needed to resume without outcomes. */
  window(): Bar[] {
    return this.bars.slice(Math.max(0, this.size - WINDOW), this.size);
  }

  /** All the state needed to resume: the window and, when followed, the open outcomes and the tally. */
  state(): DetectorState {
    const state: DetectorState = { version: DETECTOR_STATE_VERSION, bars: this.window() };
    if (this.book) state.outcomes = this.book.state();
    return state;
  }

  /**
   * Adds the next bar and returns the detections whose window ends at it (often none); with outcomes on,
   * they are TrackedDetections, and `advance` also gives the outcome events.
   * Throws BarsError for a non-finite close or a time not after the previous bar's.
   */
  push(bar: Bar): Detection[] {
    if (this.book) return this.advance(bar).detections;
    this.append(bar);
    if (this.size < WINDOW) return [];
    const e = this.size - 1;
    const codes = this.evaluator.evaluate(this.series, e);
    return codes ? toDetections(codes, this.evaluator, this.bars, e) : [];
  }

  /**
   * Adds the next bar: the new detections with their outcome and running evidence, and every change the
   * bar makes to earlier outcomes (breakout, resolved, each forward return), in detection order.
   * Needs a detector made with `{ outcomes: true }` or from a state that has outcomes.
   */
  advance(bar: Bar): BarUpdate {
    const book = this.book;
    if (book === undefined) throw new Error("advance needs a detector made with { outcomes: true }");
    this.append(bar);
    const e = this.size - 1;
    const events: OutcomeEvent[] = [];
    book.advance(this.series.closes, this.bars, e, events);
    const detections: TrackedDetection[] = [];
    const codes = this.size < WINDOW ? null : this.evaluator.evaluate(this.series, e);
    if (codes) {
      for (const found of toDetections(codes, this.evaluator, this.bars, e))
        detections.push(book.add(found, this.series.closes, startBar(found.pattern, this.evaluator), e));
    }
    return { detections, events };
  }

  private append(bar: Bar): void {
    const time = checkNextBar(bar, this.lastTime, this.lastBarTime, this.pushed + 1);
    if (this.size === CAPACITY) this.compact();
    this.series.closes[this.size] = bar.close;
    this.bars[this.size] = bar;
    this.size++;
    this.pushed++;
    this.lastTime = time;
    this.series.settle(this.size - 1, this.size);
  }

  /** Keeps the newest window (closes, their per-bar facts, bars) at the start of the buffers. */
  private compact(): void {
    const from = this.size - WINDOW;
    this.series.compact(from, this.size);
    this.bars.copyWithin(0, from, this.size);
    this.size = WINDOW;
  }
}
