// The batch scan of a series held as columns (closes in a Float64Array, times and volumes read by index),
// for callers that read files straight into columns and so never make a Bar object per bar (the CLI).

import type { Detection } from "../types";
import type { IndexedBars } from "./bar-reader";
import { appendDetections, type DetectionSink } from "./detections";
import type { DetectOptions } from "./options";
import { scanCloses } from "./scan";

/** A series as columns: the closes, and the time and volume of each bar by its index. */
export interface BarSeriesColumns extends IndexedBars {
  readonly closes: Float64Array;
}

/**
 * Scans a series held as columns and gives `into` what scanBars returns for the same bars, in the same
 * order; returns `into`. The columns are not checked here: the caller has applied the valid-bar rule to
 * every value (priceIsValid, volumeIsValid: what barIsValid tests) and checked that times strictly
 * increase.
 *
 * @example
 * scanColumns({ closes, time: (i) => times[i], volume: () => undefined }, { bandwidth: 1 })
 */
export function scanColumns<Sink extends DetectionSink = Detection[]>(
  series: BarSeriesColumns,
  options: DetectOptions = {},
  into: Sink = [] as unknown as Sink,
): Sink {
  scanCloses(series.closes, options, (e, codes, extrema) =>
    appendDetections(codes, extrema, series, e, into),
  );
  return into;
}
