// The batch scan: every window of a whole series, the shared per-bar facts computed once per bar.

import { withValidatedCloses } from "../bars/validate";
import { followingOutcomes } from "../outcomes/followed";
import type { FollowedDetection } from "../outcomes/types";
import type { Bar, Detection, PatternCode } from "../types";
import { BarReader } from "./bar-reader";
import { gathered } from "./kept-list";
import type { DetectOptions } from "./options";
import { withRecordBatch } from "./record-batch";
import { CHUNK, withScanState } from "./scan-state";
import type { SmoothedSeries } from "./series";
import { WINDOW } from "./spec";
import type { WindowEvaluator, WindowExtrema } from "./window";

/**
 * Low-level scan over closes: calls `onWindow(e, codes, extrema)` for every window ending at bar `e`
 * that holds at least one pattern. For benchmarks and callers that keep closes in typed arrays. `codes` is
 * shared by every window that found the same codes (frozen: copy it to keep or change it).
 *
 * @example
 * scanCloses(Float64Array.from(bars, (b) => b.close), {}, (e, codes) => console.log(e, codes)); // 41 ["HS"] …
 */
export function scanCloses(
  closes: Float64Array,
  options: DetectOptions,
  onWindow: (e: number, codes: readonly PatternCode[], extrema: WindowExtrema) => void,
): void {
  withScanState(options, ({ series, evaluator }) => scanChunks(closes, series, evaluator, onWindow));
}

function scanChunks(
  closes: Float64Array,
  series: SmoothedSeries,
  evaluator: WindowEvaluator,
  onWindow: (e: number, codes: readonly PatternCode[], extrema: WindowExtrema) => void,
): void {
  const n = closes.length;
  // Consecutive chunks overlap by W - 1 bars, so every window lies whole in one chunk and each is evaluated
  // once; the overlap's per-bar facts are computed twice, to the same bits.
  for (let start = 0; start + WINDOW <= n; start += CHUNK - (WINDOW - 1)) {
    const end = Math.min(n, start + CHUNK);
    series.restart(closes.subarray(start, end), start);
    series.settle(0, end - start);
    // Only the windows that can complete a pattern: the others have no codes.
    for (let k = 0; k < series.completingCount; k++) {
      // biome-ignore lint/style/noNonNullAssertion: k < completingCount, the filled part of completing.
      const e = series.completing[k]!;
      const codes = evaluator.evaluate(series, e);
      if (codes) onWindow(start + e, codes, evaluator);
    }
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
  return gathered<Detection>((detections) =>
    withValidatedCloses(bars, (closes, times, volumeSums) => {
      const checked = new BarReader(bars, times, volumeSums);
      withRecordBatch(checked, detections, undefined, (batch) =>
        scanCloses(closes, options, (e, codes, extrema) => batch.add(e, codes, extrema)),
      );
    }),
  );
}

/**
 * Like scanBars, each detection with its outcome as of the series' last bar (PATTERNS.md "Outcomes").
 * Outcome records are shared, read-only, among detections that have the same one (SharedOutcomes).
 *
 * @example
 * for (const d of scanOutcomes(bars)) console.log(d.pattern, d.outcome.status);
 */
export function scanOutcomes(bars: Bar[], options: DetectOptions = {}): FollowedDetection[] {
  return gathered<FollowedDetection>((detections) =>
    withValidatedCloses(bars, (closes, times, volumeSums) => {
      const checked = new BarReader(bars, times, volumeSums);
      // The records of up to 1,024 windows at a time (withRecordBatch), each batch's outcomes decided first.
      followingOutcomes(checked, closes, (outcomes) =>
        withRecordBatch(checked, detections, outcomes, (batch) =>
          scanCloses(closes, options, (e, codes, extrema) => batch.add(e, codes, extrema)),
        ),
      );
    }),
  );
}
