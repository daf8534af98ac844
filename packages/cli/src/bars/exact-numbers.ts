// The limits within which the column readers read a number straight from its digits. Plain constants
// only: the WebAssembly reader (assembly/row-reader.ts) compiles this file too.

/** Digits whose integer stays below 2^53, so it is exact as a double. */
export const EXACT_DIGITS = 15;
/** The largest volume kept as a count (a u32 column). */
export const MAX_COUNT = 0xffff_ffff;
