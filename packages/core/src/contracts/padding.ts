// What may pad a value on either end and be taken away: ASCII spaces and tabs, nothing else. String's trim()
// also takes U+FEFF, U+2028, U+2029, the no-break and other Unicode spaces and the C0 separators, which a
// reader cannot tell from nothing or from a space: "AAPL\uFEFF" was read as AAPL and a close "5\u2028" as 5.
// Left in place, such a character is refused with its value, and a message quoting it shows it.

/** U+0020 and U+0009: the padding a symbol, an interval or a CSV cell may have. */
const isPadding = (code: number): boolean => code === 0x20 || code === 0x09;

/**
 * `text` without the ASCII spaces and tabs on either end; any other character stays.
 *
 * @example
 * unpadded(" \tAAPL ") // "AAPL"
 * unpadded("AAPL\ufeff") // "AAPL\ufeff"
 */
export function unpadded(text: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && isPadding(text.charCodeAt(from))) from++;
  while (to > from && isPadding(text.charCodeAt(to - 1))) to--;
  return from === 0 && to === text.length ? text : text.slice(from, to);
}
