import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ksPValue, ksTest, medianOfSorted, wilsonInterval } from "./statistics";

describe("evidence statistics", () => {
  it("gives PATTERNS.md's Wilson interval for 20 of 79, and none for 0 resolved", () => {
    const [low, high] = wilsonInterval(20, 79) as [number, number];
    expect(low).toBeCloseTo(0.1703, 4);
    expect(high).toBeCloseTo(0.3589, 4);
    expect(wilsonInterval(0, 0)).toBeNull();
    const [zeroLow] = wilsonInterval(0, 10) as [number, number];
    expect(zeroLow).toBeCloseTo(0, 12);
  });

  it("keeps the interval inside [0, 1]: exactly 0 for no success, exactly 1 for all", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5000 })
          .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([successes, n]) => {
          const [low, high] = wilsonInterval(successes, n) as [number, number];
          expect(low).toBeGreaterThanOrEqual(0);
          expect(high).toBeLessThanOrEqual(1);
          expect(low).toBeLessThanOrEqual(successes / n);
          expect(high).toBeGreaterThanOrEqual(successes / n);
        },
      ),
      { numRuns: 2000, seed: 5 },
    );
    // Computed by the formula, these came out -5.6e-17 and 1.0000000000000002.
    expect(wilsonInterval(0, 2)?.[0]).toBe(0);
    expect(wilsonInterval(100, 100)?.[1]).toBe(1);
    expect(wilsonInterval(0, 3)?.[0]).toBe(0);
  });

  it("takes the median of even n as the mean of the two middle values", () => {
    expect(medianOfSorted([1, 2, 4, 8])).toBe(3);
    expect(medianOfSorted([1, 2, 4])).toBe(2);
    expect(medianOfSorted([])).toBeNull();
  });

  it("finds the KS statistic with ties taken together", () => {
    expect(ksTest([1, 2, 3, 4], [5, 6, 7, 8])?.D).toBe(1);
    // At x = 2 both samples jump: F = 2/3, G = 1/3 after both, not 1/3 vs 0 in between.
    expect(ksTest([1, 2, 3], [2, 3, 4])?.D).toBeCloseTo(1 / 3, 15);
    // n_e = 3 * 3 / 6 = 1.5, so lambda = sqrt(1.5) / 3 (past 0.3) and 2 * lambda^2 = 1/3: p is
    // 2 * (e^(-1/3) - e^(-4/3) + e^(-3) - e^(-16/3) + ...), the spec's sum of 100 terms.
    const terms = Array.from({ length: 100 }, (_, k) => (-1) ** k * Math.exp(-((k + 1) ** 2) / 3));
    expect(ksTest([1, 2, 3], [2, 3, 4])?.p).toBeCloseTo(2 * terms.reduce((sum, term) => sum + term, 0), 12);
    expect(ksTest([1, 1, 1], [1, 1])?.D).toBe(0);
    expect(ksTest([], [1])).toBeNull();
  });

  it("finds the D a walk of every value of both samples finds, to the bit", () => {
    // The walk ksTest took before it galloped through the longer sample.
    const walked = (a: Float64Array, b: Float64Array) => {
      let [i, j, D] = [0, 0, 0];
      while (i < a.length && j < b.length) {
        const x = Math.min(a[i] as number, b[j] as number);
        while (i < a.length && a[i] === x) i++;
        while (j < b.length && b[j] === x) j++;
        D = Math.max(D, Math.abs(i / a.length - j / b.length));
      }
      return D;
    };
    // Few distinct values (ties within and across samples, -0 beside 0) and many.
    const value = fc.oneof(
      fc.integer({ min: -6, max: 6 }).map((k) => (k === 6 ? -0 : k / 4)),
      fc.double({ noNaN: true }),
    );
    const sample = (max: number) =>
      fc.array(value, { minLength: 1, maxLength: max }).map((v) => Float64Array.from(v).sort());
    fc.assert(
      fc.property(sample(40), sample(400), fc.boolean(), (small, large, swap) => {
        const [a, b] = swap ? [large, small] : [small, large];
        expect(ksTest(a, b)?.D).toBe(walked(a, b));
      }),
      { numRuns: 500, seed: 20261203 },
    );
  });

  it("gives the asymptotic p-value, 1 below lambda 0.3", () => {
    // D = 1 with n = m = 4: lambda = sqrt(2), p = 2 (e^-4 - e^-16 + ...) = 0.0366...
    expect(ksTest([1, 2, 3, 4], [5, 6, 7, 8])?.p).toBeCloseTo(0.036631, 6);
    expect(ksPValue(0.1, 4, 4)).toBe(1);
    expect(ksPValue(0.0001, 1e6, 1e6)).toBe(1);
    expect(ksPValue(0.5, 1000, 1000)).toBeLessThan(1e-100);
    expect(ksPValue(0.5, 1000, 1000)).toBeGreaterThanOrEqual(0);
  });
});
