// Plain decimal numbers in bar files: read straight from the file's text when that is exact, without a
// substring or a regular expression per cell (a bar file is mostly numbers).

import { DOT, MINUS, NINE, PLUS, ZERO } from "./char-codes";
import { EXACT_DIGITS } from "./exact-numbers";

// A plain decimal number: Number() alone would also take "0x10", "1e", "" and " ". The digits before a dot
// are matched one way only (\d+\.?\d* splits "999" at every place), so a long cell that is not a number
// is refused in time linear in its length.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** 10^0 .. 10^15: every one exact as a double. */
export const POWERS_OF_TEN = Array.from({ length: EXACT_DIGITS + 1 }, (_, k) => 10 ** k);

/**
 * The number an unpadded cell (Row.text) holds: undefined when it is empty, NaN when it is not a plain decimal.
 *
 * @example
 * decimalCell("185.60") // 185.6
 * decimalCell("0x10")   // NaN
 */
export function decimalCell(raw: string): number | undefined {
  if (raw === "") return undefined;
  return DECIMAL.test(raw) ? Number(raw) : Number.NaN;
}

/**
 * The value of text[from, to) when it is a sign, digits and a fraction with at most 15 digits in all, or
 * undefined for anything else (spaces, an exponent, more digits, not a number), which decimalCell reads.
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
