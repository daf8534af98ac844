// JSON values written straight into bytes, as JSON.stringify writes them: the JSON Lines writer makes no
// string per line (stringifying each detection, then copying its text, was most of writing the lines).
// biome-ignore-all lint/style/noNonNullAssertion: exponents stay within POWERS (0 .. 15).

import { BACKSLASH, DOT, MINUS, QUOTE, ZERO } from "../../bars/char-codes";

/** The first code unit JSON.stringify does not write as itself: below it, control characters. */
const SPACE = 0x20;
/** The last ASCII code unit: past it, UTF-8 takes more than one byte. */
const LAST_ASCII = 0x7f;

/** 10^0 .. 10^15: every one exact as a double. */
const POWERS = Array.from({ length: 16 }, (_, k) => 10 ** k);
/** Integers below this have at most 15 digits: two different such decimals are never the same double. */
const FIFTEEN_DIGITS = 1e15;
/** Below this, JavaScript writes a number with an exponent ("1e-7"). */
const SMALLEST_PLAIN = 1e-6;
const HUNDRED_MILLION = 1e8;

/** The most bytes a number takes as JSON ("-2.2250738585072014e-308"). */
export const NUMBER_BYTES = 24;
/** The most bytes a character of a string takes as JSON ("\u001f", or 3 bytes of UTF-8). */
export const CHARACTER_BYTES = 6;

/**
 * Bytes of ASCII text, to copy into lines: keys and punctuation written once.
 *
 * @example
 * asciiBytes('"kind":') // Uint8Array [34, 107, ...]
 */
export const asciiBytes = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, "latin1"));

/**
 * A record's keys in the order JSON.stringify writes them, comma-separated: what the byte writers check a
 * scan's first record against before writing its keys themselves.
 *
 * @example
 * keysOf({ time: "2020-01-02", price: 10, kind: "max" }) // "time,price,kind"
 */
export const keysOf = (record: object): string => Object.keys(record).join();

/** Copies `bytes` into `out` at `at`; returns where they end. */
export function writeBytes(out: Uint8Array, at: number, bytes: Uint8Array): number {
  let to = at;
  for (let i = 0; i < bytes.length; i++) out[to++] = bytes[i]!;
  return to;
}

/**
 * Writes `text` as a JSON string (quoted, escaped as JSON.stringify escapes it, UTF-8) into `out` at `at`;
 * returns where it ends. Needs up to 2 + CHARACTER_BYTES * text.length bytes.
 *
 * @example
 * writeString(out, 0, "2020-01-02") // 12: out holds "2020-01-02" with its quotes
 */
export function writeString(out: Buffer, at: number, text: string): number {
  let to = at;
  out[to++] = QUOTE;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // What JSON.stringify escapes, and what UTF-8 writes in more than one byte: left to them.
    if (code < SPACE || code === QUOTE || code === BACKSLASH || code > LAST_ASCII)
      return at + out.write(JSON.stringify(text), at, "utf8");
    out[to++] = code;
  }
  out[to++] = QUOTE;
  return to;
}

/**
 * Writes the digits of the integer `m` (below 10^15) with `k` of them after a dot (and a zero before
 * it when there are no others), as "m / 10^k" reads; returns where they end.
 */
function writeDecimal(out: Uint8Array, at: number, m: number, k: number): number {
  let digits = 1;
  while (digits < 15 && m >= POWERS[digits]!) digits++;
  const width = Math.max(digits, k + 1);
  const end = at + width + (k > 0 ? 1 : 0);
  // Eight digits at a time, as integers small enough for the fast integer division.
  let high = Math.floor(m / HUNDRED_MILLION);
  let low = m - high * HUNDRED_MILLION;
  let to = end;
  for (let j = 0; j < width; j++) {
    if (j === k && k > 0) out[--to] = DOT;
    let digit: number;
    if (j < 8) {
      const rest = (low / 10) | 0;
      digit = low - rest * 10;
      low = rest;
    } else {
      const rest = (high / 10) | 0;
      digit = high - rest * 10;
      high = rest;
    }
    out[--to] = ZERO + digit;
  }
  return end;
}

/**
 * Writes `value` as JSON.stringify writes it ("null" when it is not finite) into `out` at `at`; returns
 * where it ends. Needs up to NUMBER_BYTES bytes.
 *
 * JavaScript writes the fewest significant digits that read back as the value. For a value from 10^-6
 * up to 10^15 with at most 15 of them, that is the decimal with the fewest digits after the dot whose
 * digits m, an integer below 10^15, give m / 10^k === value (exact: m and 10^k are exact doubles and one
 * division rounds as reading the decimal does; no two decimals of 15 digits or fewer read as the same
 * double, and Math.round(value * 10^k) is m, its error under 0.2 there). Any other value is left to
 * JSON.stringify.
 *
 * @example
 * writeNumber(out, 0, 100.1395) // 8: out holds "100.1395"
 */
export function writeNumber(out: Buffer, at: number, value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude >= SMALLEST_PLAIN && magnitude < FIFTEEN_DIGITS) {
    for (let k = 0; k < POWERS.length; k++) {
      const power = POWERS[k]!;
      const m = Math.round(magnitude * power);
      if (m >= FIFTEEN_DIGITS) break;
      if (m / power === magnitude) {
        let to = at;
        if (value < 0) out[to++] = MINUS;
        return writeDecimal(out, to, m, k);
      }
    }
  }
  return at + out.write(JSON.stringify(value), at, "latin1");
}
