// Plain decimal numbers in bar files: read straight from the file's text when that is exact, without a
// substring or a regular expression per cell (a bar file is mostly numbers).

import { DOT, MINUS, NINE, PLUS, ZERO } from "./char-codes";
import { EXACT_DIGITS } from "./exact-numbers";

/** 10^0 .. 10^15: every one exact as a double. */
export const POWERS_OF_TEN = Array.from({ length: EXACT_DIGITS + 1 }, (_, k) => 10 ** k);

/**
 * The value of text[from, to) when it is a sign, digits and a fraction with at most 15 digits in all, or
 * undefined for anything else (spaces, an exponent, more digits, not a number), which core's decimalCell reads.
 * Exact: the digits make an integer below 2^53 and one division by an exact power of ten rounds once,
 * so the result is the double Number() gives.
 *
 * @example
 * simpleDecimal("x,185.60", 2, 8) // 185.6
 */
export function simpleDecimal(text: string, from: number, to: number): number | undefined {
  let i = from;
  const sign = text.charCodeAt(i);
  if (sign === PLUS || sign === MINUS) i++;
  let integer = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= ZERO && code <= NINE) {
      integer = integer * 10 + (code - ZERO);
      digits++;
    } else if (code === DOT && fraction < 0) fraction = digits;
    else return undefined;
  }
  if (digits === 0 || digits > EXACT_DIGITS) return undefined;
  // biome-ignore lint/style/noNonNullAssertion: 0 < digits - fraction <= EXACT_DIGITS, inside POWERS_OF_TEN.
  const value = fraction < 0 ? integer : integer / POWERS_OF_TEN[digits - fraction]!;
  return sign === MINUS ? -value : value;
}
