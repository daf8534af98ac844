// Bar times are kept verbatim; this gives them an order (ISO dates and datetimes, or epoch numbers).

const EPOCH_NUMBER = /^-?\d+(\.\d+)?$/;

const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

/** Index after the ASCII digits of `text` from `i` on. */
function skipDigits(text: string, i: number): number {
  let at = i;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code < ZERO || code > NINE) break;
    at++;
  }
  return at;
}

/** Digits of an integer whose running value `value * 10 + digit` stays exact, so equal to Number's. */
const EXACT_DIGITS = 15;

/**
 * The value of `text` when, untrimmed, it matches EPOCH_NUMBER; undefined when it does not. Read by hand
 * because it runs for every bar (each streamed bar is validated) and the regular expression and Number()
 * measured several times slower than this scan.
 */
function bareEpochNumber(text: string): number | undefined {
  const negative = text.charCodeAt(0) === MINUS;
  const start = negative ? 1 : 0;
  let integer = 0;
  let i = start;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < ZERO || code > NINE) break;
    integer = integer * 10 + (code - ZERO);
  }
  if (i === start) return undefined;
  if (i === text.length) {
    if (i - start > EXACT_DIGITS) return Number(text);
    return negative ? -integer : integer;
  }
  if (text.charCodeAt(i) !== DOT) return undefined;
  const fractionEnd = skipDigits(text, i + 1);
  return fractionEnd > i + 1 && fractionEnd === text.length ? Number(text) : undefined;
}

/**
 * The ordering key of a bar time: epoch numbers as given, ISO dates and datetimes as epoch milliseconds.
 * Returns NaN when the text is neither.
 *
 * @example
 * timeValue("2020-01-02") < timeValue("2020-01-03") // true
 */
export function timeValue(time: string): number {
  // The common epoch number without surrounding space: trimming would change nothing, the test below agrees.
  const bare = bareEpochNumber(time);
  if (bare !== undefined) return bare;
  const text = time.trim();
  if (text === "") return Number.NaN;
  return EPOCH_NUMBER.test(text) ? Number(text) : Date.parse(text);
}
