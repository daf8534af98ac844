// How many of a series' newest bars the stream holds, and why that many: every bar after a detection
// while its outcome is open, and a few past the deciding bar so a chart does not end on the decision.

import { MAX_OPEN_AGE } from "../outcomes/spec";

/** Bars a chart shows past an outcome's deciding bar, so the decision is not at its edge. */
export const BARS_AFTER_DECISION = 5;

/**
 * Bars the stream holds per series (GET /bars): an outcome is decided at most MAX_OPEN_AGE bars after
 * its detectedAt (PATTERNS.md "Outcomes"), so every bar after an open detection is held, and after the
 * decision until BARS_AFTER_DECISION more bars have come. The bars up to detectedAt are stored with the
 * detection itself.
 */
export const HELD_BARS = MAX_OPEN_AGE + BARS_AFTER_DECISION;
