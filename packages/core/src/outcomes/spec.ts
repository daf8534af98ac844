// The numbers and the expected directions of PATTERNS.md "Outcomes", named once.

import type { PatternCode } from "../types";

/** A breakout must come within this many bars after the detection bar `e` (bar e + 35 is still in time). */
export const BREAKOUT_BARS = 35;
/** After the breakout bar `b`, bars b .. b + 35 may decide target or failed; later it has stalled. */
export const RESOLUTION_BARS = 35;
/** The forward-return horizons, in bars after the detection bar. */
export const HORIZONS = [1, 5, 10, 20] as const;
/**
 * The return from one close to a later one: a detection's forward return r_h = close[e + h] / close[e] - 1
 * (PATTERNS.md "Outcomes") and the baseline's r = close[i + h] / close[i] - 1 ("Evidence"), one expression
 * so the two are the same numbers to the bit. Numbers, not arrays: callers read closes from arrays of their
 * own kinds, and a loop calling it keeps its own loads.
 *
 * @example
 * forwardReturn(100, 105) // 0.05 (to rounding)
 */
export const forwardReturn = (close: number, later: number): number => later / close - 1;
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
