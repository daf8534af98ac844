// What names a price series in a request (symbol and interval) and how long one may be, checked the same
// way on every route.

import * as z from "zod";
import { WINDOW } from "../engine/spec";
import { INTERVAL_SHAPE } from "../series/interval";
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

export { intervalSpanMs } from "../series/interval";

/** A bar interval such as 1m, 5m, 1h, 1d, 1wk, 1mo; padded with ASCII spaces and tabs only (unpadded). */
export const intervalSchema = z
  .string()
  .overwrite(unpadded)
  .regex(INTERVAL_SHAPE, "interval must look like 1m, 15m, 1h, 1d, 1wk or 1mo");
