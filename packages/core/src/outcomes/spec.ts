// The numbers and the expected directions of PATTERNS.md "Outcomes", named once.

import type { PatternCode } from "../types";

/** A breakout must come within this many bars after the detection bar `e` (bar e + 35 is still in time). */
export const BREAKOUT_BARS = 35;
/** After the breakout bar `b`, bars b .. b + 35 may decide target or failed; later it has stalled. */
export const RESOLUTION_BARS = 35;
/** The forward-return horizons, in bars after the detection bar. */
export const HORIZONS = [1, 5, 10, 20] as const;
/** The longest horizon: after it every forward return is known. */
export const MAX_HORIZON: number = Math.max(...HORIZONS);
/** The oldest a detection's outcome can still change: a breakout at e + 35, then 35 bars to decide. */
export const MAX_OPEN_AGE = BREAKOUT_BARS + RESOLUTION_BARS;

export type Horizon = (typeof HORIZONS)[number];
export type Direction = "up" | "down";

/** The direction each code claims; codes without one (broadening, symmetric triangles, rectangles) are absent. */
export const EXPECTED_DIRECTION: Readonly<Partial<Record<PatternCode, Direction>>> = {
  HS: "down",
  DTOP: "down",
  DTRI: "down",
  IHS: "up",
  DBOT: "up",
  ATRI: "up",
};

/** A breakout confirms a code when it goes the expected way (any breakout, for codes with no expected way). */
export function confirms(code: PatternCode, direction: Direction): boolean {
  const expected = EXPECTED_DIRECTION[code];
  return expected === undefined || expected === direction;
}
