// The streaming detector: push one bar, get the detections it completes. Same arithmetic as the batch
// scan (same kernel, same per-bar facts, same window evaluator), so the output is identical.

import { checkNextBar } from "../bars/validate";
import type { Bar, Detection } from "../types";
import { toDetections } from "./detections";
import { smoothingKernel } from "./kernel";
import { type DetectOptions, resolveOptions } from "./options";
import { SmoothedSeries } from "./series";
import { WINDOW } from "./spec";
import { WindowEvaluator } from "./window";

const CAPACITY = 4096;

/**
 * Detects patterns bar by bar. Persist `window()` and pass it back as `history` to resume exactly.
 *
 * @example
 * const detector = new StreamingDetector();
 * for (const bar of bars) for (const d of detector.push(bar)) console.log(d.pattern, d.detectedAt);
 */
export class StreamingDetector {
  private readonly evaluator: WindowEvaluator;
  private readonly series: SmoothedSeries;
  private readonly bars: Bar[] = new Array(CAPACITY);
  private size = 0;
  private pushed = 0;
  private lastTime = Number.NEGATIVE_INFINITY;

  constructor(options: DetectOptions = {}, history: readonly Bar[] = []) {
    const { bandwidth, wanted } = resolveOptions(options);
    const kernel = smoothingKernel(bandwidth);
    this.series = new SmoothedSeries(kernel, CAPACITY);
    this.evaluator = new WindowEvaluator(kernel, wanted);
    for (const bar of history.slice(-WINDOW)) this.append(bar);
  }

  /** The time of the newest bar, or undefined before the first. */
  get lastBarTime(): string | undefined {
    return this.size > 0 ? this.bars[this.size - 1].time : undefined;
  }

  /** The newest bars (at most one window): all the state needed to resume. */
  window(): Bar[] {
    return this.bars.slice(Math.max(0, this.size - WINDOW), this.size);
  }

  /**
   * Adds the next bar and returns the detections whose window ends at it (often none).
   * Throws BarsError for a non-finite close or a time not after the previous bar's.
   */
  push(bar: Bar): Detection[] {
    this.append(bar);
    if (this.size < WINDOW) return [];
    const e = this.size - 1;
    const codes = this.evaluator.evaluate(this.series, e);
    return codes ? toDetections(codes, this.evaluator, this.bars, e) : [];
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
    for (let i = 0; i < WINDOW; i++) this.bars[i] = this.bars[from + i];
    this.size = WINDOW;
  }
}
