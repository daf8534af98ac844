// A symbol's shape and case as data, without zod: the API's schema (series.ts) and the patterns CLI (file
// names, Symbol cells, its output), whose bundle leaves zod out, hold symbols to this one rule.

/** A ticker such as AAPL, BRK.B or ^GSPC, in either case. */
export const SYMBOL_SHAPE = /^[A-Za-z0-9^][A-Za-z0-9.^=_-]{0,19}$/;

/** What SYMBOL_SHAPE asks, in words. */
export const SYMBOL_RULE =
  "symbol must be 1-20 letters, digits or . ^ = _ -, starting with a letter, a digit or ^";

/**
 * A symbol as the system stores and shows it: upper case, so aapl and AAPL are one series. Only for a symbol
 * SYMBOL_SHAPE allows, checked first: Unicode upper-cases some other letters to ASCII ones ("ſpy" to SPY,
 * "ıbm" to IBM), and a symbol written so must be refused, not read as another ticker.
 *
 * @example
 * storedSymbol("brk.b") // "BRK.B"
 */
export const storedSymbol = (symbol: string): string => symbol.toUpperCase();
