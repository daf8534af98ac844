// biome-ignore-all lint/style/noNonNullAssertion: indices stay inside the closes and the weights.
import { describe, expect, it } from "vitest";
import { randomWalkBars } from "../../bench/series";
import { convolveByModule, SPAN, TAPS } from "./convolve-module";
import { smoothingKernel } from "./kernel";
import { convolveByLoop } from "./smoothing";

const closes = Float64Array.from(randomWalkBars(2 * SPAN + 300, 29), (bar) => bar.close);

/** The plain sum of convolve's doc: one value, weight after weight from 0. */
function plain(weights: Float64Array, i: number, offset: number): number {
  let sum = 0;
  for (let d = 0; d < weights.length; d++) sum += weights[d]! * closes[i + offset + d]!;
  return sum;
}

/** How many of out[from .. to-1] are not the plain sums' bits. */
function wrong(weights: Float64Array, out: Float64Array, from: number, to: number, offset: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (!Object.is(out[i], plain(weights, i, offset))) count++;
  return count;
}

/** Rows of a kernel's table of each length from 1 to the interior's (the window's rows are cut by its edges). */
const rows = (bandwidth: number) => {
  const kernel = smoothingKernel(bandwidth);
  return [kernel.interior, ...kernel.rows];
};

describe("the WebAssembly convolve gives the plain sums, bit for bit", () => {
  const ranges: [from: number, to: number][] = [
    [100, 108],
    [100, 109],
    [100, 115],
    [100, 116],
    [100, 4196],
    [100, 100 + SPAN + 3],
    [150, 150 + 2 * SPAN + 17],
  ];
  for (const bandwidth of [0.3, 1, 3]) {
    it(`bandwidth ${bandwidth}: every row, over ranges of 8 values to more than two runs`, () => {
      for (const weights of rows(bandwidth)) {
        const offset = -Math.min(40, weights.length >> 1);
        for (const [from, to] of ranges) {
          const out = new Float64Array(closes.length).fill(-1);
          expect(convolveByModule(weights, closes, out, from, to, offset)).toBe(true);
          expect(wrong(weights, out, from, to, offset)).toBe(0);
          // Nothing written outside the range.
          expect(out[from - 1]).toBe(-1);
          expect(out[to]).toBe(-1);
        }
      }
    });
  }

  it("the JavaScript loop (where the module is missing) gives the same sums", () => {
    for (const weights of rows(1)) {
      for (const [from, to] of [...ranges, [100, 103] as [number, number]]) {
        const out = new Float64Array(closes.length);
        convolveByLoop(weights, closes, out, from, to, -8);
        expect(wrong(weights, out, from, to, -8)).toBe(0);
      }
    }
  });

  it("leaves a row longer than its room to the caller", () => {
    const long = new Float64Array(TAPS + 1).fill(1 / (TAPS + 1));
    const out = new Float64Array(closes.length);
    expect(convolveByModule(long, closes, out, 200, 300, 0)).toBe(false);
    expect(out.every((value) => value === 0)).toBe(true);
  });
});
