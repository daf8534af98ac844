// A series held as columns answers the scan's reads as a Bar array would.
import { WINDOW } from "@stock-patterns/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ColumnSeries } from "./column-series";

describe("ColumnSeries", () => {
  it("gives a window's mean volume to the bit of its volumes added in bar order, none without volumes", () => {
    const volumes = fc.array(fc.double({ min: 0, max: 1e12, noNaN: true }), {
      minLength: WINDOW,
      maxLength: 3 * WINDOW,
    });
    fc.assert(
      fc.property(volumes, (given) => {
        const n = given.length;
        const days = Int32Array.from(given, (_, i) => 18_000 + i);
        const series = new ColumnSeries(new Float64Array(n).fill(1), Float64Array.from(given), days);
        const without = new ColumnSeries(new Float64Array(n).fill(1), undefined, days);
        for (let e = WINDOW - 1; e < n; e++) {
          let sum = 0;
          for (let i = e - WINDOW + 1; i <= e; i++) sum += given[i] ?? Number.NaN;
          expect(Object.is(series.meanVolume(e), sum / WINDOW)).toBe(true);
          expect(without.meanVolume(e)).toBeUndefined();
        }
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
