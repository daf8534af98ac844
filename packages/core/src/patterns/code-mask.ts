// Sets of pattern codes as bit masks (bit i for PATTERN_CODES[i]), so a window's rules mark what they find
// without making an array; the codes of each mask are made once and shared by every window that finds them.

import { PATTERN_CODES, type PatternCode } from "../types";

/** The bit of each code: its index in PATTERN_CODES, the reporting order. */
export const CODE_BIT = Object.fromEntries(PATTERN_CODES.map((code, i) => [code, 1 << i])) as Readonly<
  Record<PatternCode, number>
>;

/**
 * The mask of a set of codes.
 *
 * @example
 * codeMask(["HS", "DTOP"]) // CODE_BIT.HS | CODE_BIT.DTOP
 */
export function codeMask(codes: Iterable<PatternCode>): number {
  let mask = 0;
  for (const code of codes) mask |= CODE_BIT[code];
  return mask;
}

/** The code lists made so far, by mask. */
const listed: (readonly PatternCode[] | undefined)[] = new Array(1 << PATTERN_CODES.length).fill(undefined);

/**
 * The codes of `mask` (not 0) in reporting order: one frozen array per mask, shared by every caller, so
 * read it and never change it (a change throws).
 *
 * @example
 * codesOfMask(CODE_BIT.DTOP | CODE_BIT.HS) // ["HS", "DTOP"]
 */
export function codesOfMask(mask: number): readonly PatternCode[] {
  return listed[mask] ?? listCodes(mask);
}

/** Makes and keeps the list of a mask: apart from codesOfMask, whose every call would otherwise make the
 * closure's context. */
function listCodes(mask: number): readonly PatternCode[] {
  const codes = PATTERN_CODES.filter((_, i) => (mask & (1 << i)) !== 0);
  Object.freeze(codes);
  listed[mask] = codes;
  return codes;
}
