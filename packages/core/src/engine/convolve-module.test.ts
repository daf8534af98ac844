// biome-ignore-all lint/style/noNonNullAssertion: indices stay inside the closes and the weights.
import { describe, expect, it } from "vitest";
import { randomWalkBars } from "../../bench/series";
import { convolveByModule, SPAN, scatteredByModule, TAPS } from "./convolve-module";
import { smoothingKernel } from "./kernel";
import { convolveByLoop, scatteredByLoop } from "./smoothing";

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

describe("the WebAssembly smoothScattered gives the plain sums, bit for bit", () => {
  for (const bandwidth of [0.3, 1, 3]) {
    it(`bandwidth ${bandwidth}: every row, 4 to 2,000 scattered windows of a 4,096-bar chunk`, () => {
      const chunk = closes.subarray(1000, 1000 + 4096);
      const kernel = smoothingKernel(bandwidth);
      const stride = 3;
      for (const [t, weights] of kernel.rows.entries()) {
        const offset = kernel.from[t]! - (kernel.window - 1);
        for (const count of [4, 5, 7, 8, 2000]) {
          // Windows ending at bars 37 .. 4095, unevenly spaced, in order.
          const ends = Int32Array.from(
            { length: count },
            (_, k) => 37 + Math.floor((k * 4058) / count) + (k % 3),
          );
          const out = new Float64Array(4096 * stride).fill(-1);
          const byLoop = new Float64Array(4096 * stride).fill(-1);
          expect(scatteredByModule(weights, chunk, ends, count, offset, out, stride, 1)).toBe(true);
          scatteredByLoop(weights, chunk, ends, count, offset, byLoop, stride, 1);
          let same = 0;
          for (let i = 0; i < out.length; i++) if (Object.is(out[i], byLoop[i])) same++;
          expect(same).toBe(out.length);
          let sum = 0;
          const e = ends[count - 1]!;
          for (let d = 0; d < weights.length; d++) sum += weights[d]! * chunk[e + offset + d]!;
          expect(Object.is(out[e * stride + 1], sum)).toBe(true);
        }
      }
    });
  }

  it("leaves fewer than four windows, or a chunk past its room, to the caller", () => {
    const kernel = smoothingKernel(1);
    const out = new Float64Array(closes.length * 3);
    const ends = Int32Array.of(40, 50, 60, 70);
    expect(scatteredByModule(kernel.rows[0]!, closes, ends, 3, -37, out, 3, 0)).toBe(false);
    expect(scatteredByModule(kernel.rows[0]!, closes, ends, 4, -37, out, 3, 0)).toBe(false);
    expect(out.every((value) => value === 0)).toBe(true);
  });
});
