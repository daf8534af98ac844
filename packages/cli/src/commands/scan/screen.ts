// The screening options of `patterns scan`: which detections of a series a trader wants to see.

import { type Detection, instantValue } from "@stock-patterns/core";

/** Filters applied after detection; the pattern codes are given to the engine itself. */
export interface Screen {
  /** Only detections scoring at least this (0–100). */
  minConfidence?: number;
  /** Only detections known at or after this time (epoch milliseconds, see core's instantValue). */
  since?: number;
  /** Only detections known in the series' last N bars: what is forming now. */
  latest?: number;
}

/** The times of a series' bars, by index (a Bar array's or a ColumnSeries'). */
export interface BarTimes {
  readonly length: number;
  time(i: number): string;
}

/**
 * The test a detection of a series (whose bar times are `bars`) must pass, or undefined when the screen
 * keeps every one.
 *
 * @example
 * screenTest(series, { minConfidence: 70 })?.(detection) // true when it scores 70 or more
 */
export function screenTest(bars: BarTimes, options: Screen): ((d: Detection) => boolean) | undefined {
  const { minConfidence, since, latest } = options;
  if (minConfidence === undefined && since === undefined && latest === undefined) return undefined;
  let from = since ?? Number.NEGATIVE_INFINITY;
  if (latest !== undefined && bars.length > 0)
    from = Math.max(from, instantValue(bars.time(Math.max(0, bars.length - latest))));
  return (d) =>
    (minConfidence === undefined || d.confidence >= minConfidence) && instantValue(d.detectedAt) >= from;
}

/**
 * The detections of a series (whose bar times are `bars`) that pass the screen, in their order.
 *
 * @example
 * screen(detections, series, { latest: 5, minConfidence: 70 })
 */
export function screen(detections: readonly Detection[], bars: BarTimes, options: Screen): Detection[] {
  const test = screenTest(bars, options);
  return test === undefined ? [...detections] : detections.filter(test);
}
