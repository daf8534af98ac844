// Numbers in ascending order, for the evidence's medians and KS tests: a universe's baseline holds one return
// per bar and horizon (10,000,000 for 500 series of 5,000 bars), which Float64Array's sort took 385 ms per
// 2,500,000 to order. A radix sort on the numbers' bits gives the same order (-0 before +0, as
// TypedArray sort puts them) in six passes over them.
// biome-ignore-all lint/style/noNonNullAssertion: indices stay below the arrays' lengths, digits below RADIX.

/** Bits sorted per pass (11: 2,048 counts, few enough for the scattered writes to stay in cache), and passes. */
const DIGIT_BITS = 11;
const RADIX = 1 << DIGIT_BITS;
const DIGIT_MASK = RADIX - 1;
/** Three digits to a 32-bit word (11, 11 and 10 bits), low word first. */
const PASSES = 6;
/** Below this many values, the built-in sort is as fast: the radix sort's counts cost more than it saves. */
const SMALL = 4096;
const SIGN = 0x80000000;

/**
 * Sorts `values` (without NaN) in place, ascending, as their built-in sort does (-0 before +0), and
 * returns them; a `scratch` at least as long is used as the sort's second buffer (else one is made).
 *
 * @example
 * sortNumbers(Float64Array.of(0.5, -1, 0)) // Float64Array [-1, 0, 0.5]
 */
export function sortNumbers(values: Float64Array, scratch?: Float64Array): Float64Array {
  if (values.length < SMALL) return values.sort();
  const spare =
    scratch !== undefined && scratch.length >= values.length ? scratch : new Float64Array(values.length);
  radixSort(
    new Uint32Array(values.buffer, values.byteOffset, 2 * values.length),
    new Uint32Array(spare.buffer, spare.byteOffset, 2 * values.length),
  );
  return values;
}

/**
 * Sorts numbers given as their bits in place: each number two 32-bit words (low, then high: little-endian,
 * as every platform Node runs on). The bits are first made to order as unsigned integers the way the
 * numbers order (a negative number's bits all flipped, a positive one's sign bit set); then six passes,
 * each a stable counting sort on one digit, lowest first; then the bits are turned back.
 */
function radixSort(numbers: Uint32Array, scratch: Uint32Array): void {
  const n = numbers.length / 2;
  let words = numbers;
  for (let i = 0; i < n; i++) {
    const high = words[2 * i + 1]!;
    if (high & SIGN) {
      words[2 * i] = ~words[2 * i]!;
      words[2 * i + 1] = ~high;
    } else words[2 * i + 1] = (high | SIGN) >>> 0;
  }
  const counts = new Uint32Array(PASSES * RADIX);
  for (let i = 0; i < n; i++) {
    const low = words[2 * i]!;
    const high = words[2 * i + 1]!;
    counts[low & DIGIT_MASK]!++;
    counts[RADIX + ((low >>> DIGIT_BITS) & DIGIT_MASK)]!++;
    counts[2 * RADIX + (low >>> (2 * DIGIT_BITS))]!++;
    counts[3 * RADIX + (high & DIGIT_MASK)]!++;
    counts[4 * RADIX + ((high >>> DIGIT_BITS) & DIGIT_MASK)]!++;
    counts[5 * RADIX + (high >>> (2 * DIGIT_BITS))]!++;
  }
  let spare = scratch;
  for (let pass = 0; pass < PASSES; pass++) {
    const base = pass * RADIX;
    const word = pass < 3 ? 0 : 1;
    const shift = (pass % 3) * DIGIT_BITS;
    // A digit every number shares moves nothing.
    if (counts[base + ((words[word]! >>> shift) & DIGIT_MASK)] === n) continue;
    let start = 0;
    for (let d = 0; d < RADIX; d++) {
      const count = counts[base + d]!;
      counts[base + d] = start;
      start += count;
    }
    for (let i = 0; i < n; i++) {
      const to = counts[base + ((words[2 * i + word]! >>> shift) & DIGIT_MASK)]!++;
      spare[2 * to] = words[2 * i]!;
      spare[2 * to + 1] = words[2 * i + 1]!;
    }
    [words, spare] = [spare, words];
  }
  for (let i = 0; i < n; i++) {
    const high = words[2 * i + 1]!;
    if (high & SIGN) words[2 * i + 1] = (high & ~SIGN) >>> 0;
    else {
      words[2 * i] = ~words[2 * i]!;
      words[2 * i + 1] = ~high;
    }
  }
  if (words !== numbers) numbers.set(words);
}
