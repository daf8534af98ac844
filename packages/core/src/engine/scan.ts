// The batch scan: every window of a whole series, the interior smoothing computed once per bar.

import { validateBars } from "../bars/validate";
import type { Bar, Detection, PatternCode } from "../types";
import { toDetections } from "./detections";
import { smoothInterior, smoothingKernel } from "./kernel";
import { type DetectOptions, resolveOptions } from "./options";
import { WINDOW } from "./spec";
import { WindowEvaluator, type WindowExtrema } from "./window";

/**
 * Low-level scan over closes: calls `onWindow(e, codes, extrema)` for every window ending at bar `e`
 * that holds at least one pattern. For benchmarks and callers that keep closes in typed arrays.
 */
export function scanCloses(
  closes: Float64Array,
  options: DetectOptions,
  onWindow: (e: number, codes: PatternCode[], extrema: WindowExtrema) => void,
): void {
  const { bandwidth, wanted } = resolveOptions(options);
  const kernel = smoothingKernel(bandwidth);
  const n = closes.length;
  const smooth = new Float64Array(n);
  smoothInterior(kernel, closes, smooth, kernel.radius, n - kernel.radius);
  const evaluator = new WindowEvaluator(kernel, wanted);
  for (let e = WINDOW - 1; e < n; e++) {
    const codes = evaluator.evaluate(closes, smooth, e);
    if (codes) onWindow(e, codes, evaluator);
  }
}

/**
 * Scans a whole series (oldest first) and returns every detection, ordered by detectedAt then code.
 * Throws BarsError for an empty series, a bad close or non-increasing time.
 *
 * @example
 * const detections = scanBars(parseBarsCsv(text), { bandwidth: 1.0 });
 */
export function scanBars(bars: Bar[], options: DetectOptions = {}): Detection[] {
  validateBars(bars);
  // A plain loop: Float64Array.from with a map function goes through the iterator protocol, far slower.
  const closes = new Float64Array(bars.length);
  for (let i = 0; i < bars.length; i++) closes[i] = bars[i].close;
  const detections: Detection[] = [];
  const barAt = (i: number) => bars[i];
  scanCloses(closes, options, (e, codes, extrema) => {
    detections.push(...toDetections(codes, extrema, barAt, e));
  });
  return detections;
}
