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
  radixSort(values, spare.subarray(0, values.length));
  return values;
}

/** A number array's bits: each number two 32-bit words, low then high (little-endian, as every platform Node runs on). */
const bitsOf = (numbers: Float64Array) =>
  new Uint32Array(numbers.buffer, numbers.byteOffset, 2 * numbers.length);

/**
 * Sorts `numbers` in place through `scratch` (as long): six passes, each a stable counting sort of the
 * numbers on one digit of their bits read as an unsigned integer, lowest digit first, the numbers moved
 * whole. Read so, the bits order the positive numbers (sign bit clear) as numbers, then the negative ones
 * by magnitude (-0 first); the last step writes the negative ones back to front ahead of the positive.
 */
function radixSort(numbers: Float64Array, scratch: Float64Array): void {
  const n = numbers.length;
  const counts = new Uint32Array(PASSES * RADIX);
  let negatives = 0;
  let words = bitsOf(numbers);
  for (let i = 0; i < n; i++) {
    const low = words[2 * i]!;
    const high = words[2 * i + 1]!;
    counts[low & DIGIT_MASK]!++;
    counts[RADIX + ((low >>> DIGIT_BITS) & DIGIT_MASK)]!++;
    counts[2 * RADIX + (low >>> (2 * DIGIT_BITS))]!++;
    counts[3 * RADIX + (high & DIGIT_MASK)]!++;
    counts[4 * RADIX + ((high >>> DIGIT_BITS) & DIGIT_MASK)]!++;
    counts[5 * RADIX + (high >>> (2 * DIGIT_BITS))]!++;
    negatives += high >>> 31;
  }
  let from = numbers;
  let to = scratch;
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
    for (let i = 0; i < n; i++)
      to[counts[base + ((words[2 * i + word]! >>> shift) & DIGIT_MASK)]!++] = from[i]!;
    [from, to] = [to, from];
    words = bitsOf(from);
  }
  // The sorted order is now in `from`; written to `numbers`, through the scratch when they are one.
  if (from === numbers) {
    scratch.set(numbers);
    from = scratch;
  }
  const positives = n - negatives;
  for (let k = 0; k < negatives; k++) numbers[k] = from[n - 1 - k]!;
  numbers.set(from.subarray(0, positives), negatives);
}
