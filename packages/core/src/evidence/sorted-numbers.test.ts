import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sortNumbers } from "./sorted-numbers";

/** A sorted copy, through sortNumbers. */
const sortedNumbers = (values: readonly number[]) => sortNumbers(Float64Array.from(values));

/** The order the evidence took before: the built-in sort of a Float64Array. */
const builtIn = (values: readonly number[]) => Float64Array.from(values).sort();

/** Whether two arrays hold the same numbers bit for bit, in the same order (-0 and +0 told apart). */
const sameBits = (a: Float64Array, b: Float64Array) =>
  a.length === b.length &&
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe("sortNumbers", () => {
  it("orders as the built-in sort does, above the size where the radix sort takes over", () => {
    const number = fc.oneof(
      fc.double({ noNaN: true }),
      fc.constantFrom(0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Infinity, Infinity),
      // Returns as the evidence makes them: small, many sharing their high bits.
      fc.double({ min: -0.5, max: 0.5, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(number, { minLength: 4096, maxLength: 9000 }), (values) => {
        const sorted = sortedNumbers(values);
        expect(sameBits(sorted, builtIn(values))).toBe(true);
      }),
      { numRuns: 60, seed: 20261203 },
    );
  });

  it("orders a universe-sized baseline and small lists alike, leaving its input as it was", () => {
    let x = 7;
    const returns = Array.from({ length: 300_000 }, () => {
      x = (x * 16807) % 2147483647;
      return x / 2147483647 - 0.5;
    });
    const copy = [...returns];
    expect(sameBits(sortedNumbers(returns), builtIn(returns))).toBe(true);
    expect(returns).toEqual(copy);
    for (const values of [[], [1], [0, -0, 0, -0], [3, -2, 1e-300, -1e300]])
      expect(sameBits(sortedNumbers(values), builtIn(values))).toBe(true);
    // In place, through a scratch long enough or not.
    for (const scratch of [new Float64Array(10), new Float64Array(400_000)]) {
      const values = Float64Array.from(returns);
      expect(sortNumbers(values, scratch)).toBe(values);
      expect(sameBits(values, builtIn(returns))).toBe(true);
    }
    // Every value alike: every pass skipped.
    expect(sameBits(sortedNumbers(new Array(5000).fill(-0.25)), builtIn(new Array(5000).fill(-0.25)))).toBe(
      true,
    );
  });
});
