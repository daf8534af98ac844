// scanOutcomes for a series held as columns (closes in a Float64Array, times read by index): the CLI reads
// files straight into columns and so follows outcomes without a Bar object per bar.

import { appendDetections, type DetectionSink } from "../engine/detections";
import type { DetectOptions } from "../engine/options";
import { scanCloses } from "../engine/scan";
import type { BarSeriesColumns } from "../engine/scan-columns";
import { followingOutcomes } from "./followed";
import type { FollowedDetection } from "./types";

/**
 * Scans a series held as columns and gives `into` what scanOutcomes returns for the same bars (each
 * detection with its outcome as of the series' last bar), in the same order; returns `into`. As for
 * scanColumns, the caller has applied the valid-bar rule to every value and checked that times strictly
 * increase.
 *
 * @example
 * scanColumnOutcomes({ closes, time: (i) => times[i], volume: () => undefined })[0]?.outcome.status
 */
export function scanColumnOutcomes<Sink extends DetectionSink = FollowedDetection[]>(
  series: BarSeriesColumns,
  options: DetectOptions = {},
  into: Sink = [] as unknown as Sink,
): Sink {
  // Each outcome decided when its record asks: the CLI's writers write what they get and keep nothing, and
  // holding records to decide their outcomes in runs cost the CLI more than it saved (300k --json
  // --outcomes, whole process: CPU +90 ms).
  followingOutcomes(series, series.closes, (outcomes) =>
    scanCloses(series.closes, options, (e, codes, extrema) =>
      appendDetections(codes, extrema, series, e, into, outcomes.outcomeOf),
    ),
  );
  return into;
}
