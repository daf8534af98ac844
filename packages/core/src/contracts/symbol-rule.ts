// A symbol's shape as data, without zod: the API's schema (series.ts) and the patterns CLI's file names,
// whose bundle leaves zod out, hold symbols to this one rule.

/** A ticker such as AAPL, BRK.B or ^GSPC, in either case. */
export const SYMBOL_SHAPE = /^[A-Za-z0-9^][A-Za-z0-9.^=_-]{0,19}$/;

/** What SYMBOL_SHAPE asks, in words. */
export const SYMBOL_RULE =
  "symbol must be 1-20 letters, digits or . ^ = _ -, starting with a letter, a digit or ^";
