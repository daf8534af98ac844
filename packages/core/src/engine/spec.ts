// The numbers of PATTERNS.md, named once.

/** Pattern length L: bars from the window's start to the completing extremum's position + 1. */
export const PATTERN_LENGTH = 35;
/** Confirmation lag D: bars after completion before a pattern is reported. */
export const CONFIRMATION_LAG = 3;
/** Window W = L + D bars: also the shortest series that can produce a detection. */
export const WINDOW = PATTERN_LENGTH + CONFIRMATION_LAG;
/** The position inside the window where the completing extremum E5 must lie. */
export const COMPLETION_POSITION = PATTERN_LENGTH - 1;
/**
 * Smoothed values that differ by less than this share of the middle one are equal (PATTERNS.md leaves
 * floating-point ties aside): about 9 to 18 units in the last place, the rounding by which two ways of
 * summing a window's 38 weighted closes part. A run of equal closes smooths to values that differ only by
 * that rounding (in a different way in every implementation of the sums), and read literally that noise
 * made turning points inside the run. Read as equal, a plateau reads as the rule reads an exact one: at most
 * one bottom (or top), where the values stop falling (rising). Any larger difference is one the sums
 * resolve, and counts: 1e-12 (this value until 3 Dec) swallowed real differences of thousands of units
 * near a plateau's middle, and moved or made detections a literal reader does not (test/flat-runs.test.ts).
 */
export const SMOOTHED_TIE = 2e-15;
/** Kernel bandwidth in bars (PATTERNS.md "Deviations from LMW"). */
export const DEFAULT_BANDWIDTH = 1.0;

/** Tolerances, in percent of the group's mean. */
export const SHOULDER_TOLERANCE_PCT = 1.5;
export const RECTANGLE_TOLERANCE_PCT = 0.75;
export const DOUBLE_TOLERANCE_PCT = 1.5;
/** Ascending triangles: last bottom at least this multiple of the first; descending: last top at most. */
export const ASCENDING_MIN_RISE = 1.015;
export const DESCENDING_MAX_FALL = 0.985;
/** Double tops and bottoms: the two extrema must be more than this many bars apart. */
export const DOUBLE_MIN_SPAN = 22;
