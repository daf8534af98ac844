// The bars a detection was made on, kept with it so a chart can be drawn after the window has moved on.

import { type Bar, type Detection, LEAD_BARS } from "@stock-patterns/core";

/**
 * Indexes a series by bar time, then answers, for each detection, the bars from `LEAD_BARS` before its
 * start through its detectedAt (empty when the series does not hold them).
 *
 * @example
 * const around = barsAround(bars); around(detection).length // e.g. 30
 */
export function barsAround(
  series: readonly Bar[],
): (detection: Pick<Detection, "start" | "detectedAt">) => Bar[] {
  const index = new Map(series.map((bar, i) => [bar.time, i]));
  return (detection) => {
    const first = index.get(detection.start);
    const last = index.get(detection.detectedAt);
    if (first === undefined || last === undefined || last < first) return [];
    return series.slice(Math.max(0, first - LEAD_BARS), last + 1);
  };
}
