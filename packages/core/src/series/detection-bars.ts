// The bars a stored detection keeps with it (its chart's bars once the stream has moved on), and how far
// back from its detectedAt they can reach: a chart of later bars finds them in the detections stored since.

import { WINDOW } from "../engine/spec";

/** Bars kept before a pattern's first extremum, for context on a chart. */
export const LEAD_BARS = 3;

/**
 * The most bars a stored detection's bars begin before its detectedAt: its first extremum's bar can be its
 * window's first (an extremum at position 1 takes its price from positions 0 to 2; PATTERNS.md "Extrema"),
 * WINDOW - 1 bars before the window's last bar, its detectedAt; LEAD_BARS more are kept before it. So a bar
 * is held only by detections known at it or within this many bars after it.
 */
export const DETECTION_BARS_REACH = WINDOW - 1 + LEAD_BARS;
