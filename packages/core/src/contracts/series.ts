// What names a price series in a request (symbol and interval) and how long one may be, checked the same
// way on every route.

import * as z from "zod";
import { WINDOW } from "../engine/spec";
import { unpadded } from "./padding";
import { SYMBOL_RULE, SYMBOL_SHAPE, storedSymbol } from "./symbol-rule";

/** Fewest bars that can hold a pattern (one detection window). */
export const MIN_BARS = WINDOW;
/** Most bars one analysis accepts. */
export const MAX_BARS = 5000;

/**
 * A ticker such as AAPL, BRK.B or ^GSPC; stored upper-case (storedSymbol). Its shape is checked before it is
 * upper-cased: Unicode upper-cases some other letters to ASCII ones ("ſpy" to SPY, "ıbm" to IBM, "ß" to
 * SS), and a symbol sent so must be refused, not read as another ticker. Only ASCII spaces and tabs are
 * taken off its ends (unpadded): "AAPL\uFEFF" is refused, not read as AAPL.
 */
export const symbolSchema = z
  .string()
  .overwrite(unpadded)
  .regex(SYMBOL_SHAPE, SYMBOL_RULE)
  .overwrite(storedSymbol);

/** A bar interval's spelling: a count of 1 to 999 and a unit (minutes, hours, days, weeks, months). */
const INTERVAL_SHAPE = /^([1-9]\d{0,2})(m|h|d|wk|mo)$/;

/** Each unit's length, a month as its longest (31 days). */
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, wk: 604_800_000, mo: 2_678_400_000 } as const;

/**
 * The longest time one bar of `interval` spans, in milliseconds; undefined when it is not an interval.
 *
 * @example
 * intervalSpanMs("15m") // 900000
 */
export function intervalSpanMs(interval: string): number | undefined {
  const [, count, unit] = INTERVAL_SHAPE.exec(interval) ?? [];
  return count === undefined ? undefined : Number(count) * UNIT_MS[unit as keyof typeof UNIT_MS];
}

/** A bar interval such as 1m, 5m, 1h, 1d, 1wk, 1mo; padded with ASCII spaces and tabs only (unpadded). */
export const intervalSchema = z
  .string()
  .overwrite(unpadded)
  .regex(INTERVAL_SHAPE, "interval must look like 1m, 15m, 1h, 1d, 1wk or 1mo");
