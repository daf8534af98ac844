// The screening options of `patterns scan`: which detections of a series a trader wants to see.

import { type Bar, type Detection, timeValue } from "@stock-patterns/core";

/** Filters applied after detection; the pattern codes are given to the engine itself. */
export interface Screen {
  /** Only detections scoring at least this (0–100). */
  minConfidence?: number;
  /** Only detections known at or after this time (its ordering value, see core's timeValue). */
  since?: number;
  /** Only detections known in the series' last N bars: what is forming now. */
  latest?: number;
}

/**
 * The detections of `bars` that pass the screen, in their order.
 *
 * @example
 * screen(detections, bars, { latest: 5, minConfidence: 70 })
 */
export function screen(detections: readonly Detection[], bars: readonly Bar[], options: Screen): Detection[] {
  const { minConfidence, since, latest } = options;
  if (minConfidence === undefined && since === undefined && latest === undefined) return [...detections];
  let from = since ?? Number.NEGATIVE_INFINITY;
  const firstLatest = latest === undefined ? undefined : bars[Math.max(0, bars.length - latest)];
  if (firstLatest !== undefined) from = Math.max(from, timeValue(firstLatest.time));
  return detections.filter(
    (d) => (minConfidence === undefined || d.confidence >= minConfidence) && timeValue(d.detectedAt) >= from,
  );
}
