// biome-ignore-all lint/style/noNonNullAssertion: positions and bars stay inside the kernel and the 200 closes.
import { describe, expect, it } from "vitest";
import { randomWalkBars } from "../../bench/series";
import { scanBars } from "../index";
import { kernelRow, smoothingKernel } from "./kernel";
import { convolve, smoothPositions } from "./smoothing";
import { WINDOW } from "./spec";

const closes = Float64Array.from(randomWalkBars(200, 13), (bar) => bar.close);

/** One position's smoothing the plain way: one sum, bar after bar. */
function plain(bandwidth: number, s: number, t: number): number {
  const kernel = smoothingKernel(bandwidth);
  let sum = 0;
  for (let j = kernel.from[t]!; j <= kernel.last[t]!; j++)
    sum += kernel.table[t * WINDOW + j]! * closes[s + j]!;
  return sum;
}

describe("the interleaved smoothing loops give the plain sums, bit for bit", () => {
  for (const bandwidth of [0.1, 0.3, 0.6, 1, 1.5, 3]) {
    it(`bandwidth ${bandwidth}: every position of a window, a range at a time`, () => {
      const kernel = smoothingKernel(bandwidth);
      const ranges: [first: number, last: number][] = [
        [0, WINDOW - 1],
        [0, 7],
        [30, 32],
        [33, 35],
        [5, 6],
      ];
      for (const [t0, t1] of ranges) {
        const m = new Float64Array(WINDOW);
        smoothPositions(kernel, closes, 17, m, t0, t1);
        for (let t = t0; t <= t1; t++) expect(Object.is(m[t], plain(bandwidth, 17, t))).toBe(true);
      }
    });

    it(`bandwidth ${bandwidth}: the positions whose whole kernel fits are interior, and hold the interior weights`, () => {
      const kernel = smoothingKernel(bandwidth);
      const { radius } = kernel;
      const fits = Array.from({ length: WINDOW }, (_, t) => t).filter(
        (t) => t >= radius && t + radius < WINDOW,
      );
      const interior = Array.from(
        { length: kernel.lastInterior - kernel.firstInterior + 1 },
        (_, i) => i,
      ).map((i) => kernel.firstInterior + i);
      expect(interior).toEqual(fits);
      // Only the widest kernel here (26 bars either side, in a 38-bar window) leaves no position interior.
      expect(fits.length === 0).toBe(bandwidth === 3);
      for (const t of fits) expect(Array.from(kernelRow(kernel, t))).toEqual(Array.from(kernel.interior));
    });

    it(`bandwidth ${bandwidth}: one position window after window`, () => {
      const kernel = smoothingKernel(bandwidth);
      const t = 34;
      const out = new Float64Array(closes.length);
      convolve(kernelRow(kernel, t), closes, out, WINDOW - 1, closes.length, 1 - WINDOW + kernel.from[t]!);
      for (let e = WINDOW - 1; e < closes.length; e++) {
        expect(Object.is(out[e], plain(bandwidth, e - WINDOW + 1, t))).toBe(true);
      }
    });
  }
});

describe("a bandwidth too small to square", () => {
  it("smooths to the closes themselves, as a tiny bandwidth does, not to NaN", () => {
    const bars = randomWalkBars(300, 5);
    const tiny = scanBars(bars, { bandwidth: 1e-170 });
    expect(tiny.length).toBeGreaterThan(0);
    expect(tiny).toEqual(scanBars(bars, { bandwidth: 0.01 }));
    expect(smoothingKernel(1e-170).table.every((w) => w === 0 || w === 1)).toBe(true);
  });
});
