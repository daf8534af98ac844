// The loops that apply the kernel: the smoothing of many bars (or windows) at one place, and of a few
// positions in one window.
//
// Every smoothed value is the sum, in ascending bar order starting from 0, of weight * close. Every loop here
// keeps exactly that order for each value (JavaScript never fuses a multiply and an add), so batch, streaming
// and the reference see the same bits whichever loop computed a value. The loops only interleave independent
// sums, which lets the CPU overlap their additions instead of waiting on one chain of them.
//
// Indexed reads carry `!`: each function's doc states the ranges of bars and window positions it reads,
// which its callers keep inside the arrays (the bit-for-bit tests beside this file and the batch/streaming
// equivalence tests pin them). A checked read in these loops measured slower on the batch engine.
// biome-ignore-all lint/style/noNonNullAssertion: every index stays in the ranges each function's doc states.

import { convolveByModule, scatteredByModule } from "./convolve-module";
import { kernelRow, type SmoothingKernel } from "./kernel";

/**
 * Sets `out[i] = sum over d of weights[d] * closes[i + offset + d]` (d ascending, from 0) for `i` in
 * `[from, to)`: a smoothing at a fixed place in the window, for one bar or window after another. With the
 * interior weights and offset -R it is the interior smoothing of bars; with a row of `table` it is one window
 * position's own smoothing, window after window.
 *
 * @example
 * convolve(kernel.interior, closes, smooth, R, closes.length - R, -R) // interior smoothing of every bar
 */
export function convolve(
  weights: Float64Array,
  closes: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  offset: number,
): void {
  // Eight or more values: by the WebAssembly module where there is one (the same sums, compiled from the
  // first call: see convolve-module.ts); JavaScript otherwise.
  if (to - from >= 8 && convolveByModule(weights, closes, out, from, to, offset)) return;
  convolveByLoop(weights, closes, out, from, to, offset);
}

/**
 * convolve in JavaScript: for ranges shorter than eight, and where the WebAssembly module is missing.
 *
 * @example
 * convolveByLoop(kernel.interior, closes, smooth, R, closes.length - R, -R) // as convolve
 */
export function convolveByLoop(
  weights: Float64Array,
  closes: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  offset: number,
): void {
  const taps = weights.length;
  // Eight neighbouring values at a time: eight independent sums, each still in ascending bar order, keep
  // the adder busy instead of waiting on one chain. A range of eight or more ends on a block that
  // overlaps the one before it (its first values computed again, to the same bits), so the one-at-a-time
  // loop runs only for ranges shorter than eight: a batch scan never reached it before its code was
  // optimized, and each later call that did left that code (a deopt, one per chunk). The loop, and the
  // last block's start, are chosen before any loop runs: a process's first call (a whole chunk of bars)
  // runs in code optimized while it runs (OSR), where arithmetic first reached at the range's end
  // (`to - from`, `to - 8`) had no type feedback: a deopt early in every run.
  const lastBlock = to - 8;
  let i = from;
  if (lastBlock < from) {
    for (; i < to; i++) {
      let sum = 0;
      const base = i + offset;
      for (let d = 0; d < taps; d++) sum += weights[d]! * closes[base + d]!;
      out[i] = sum;
    }
    return;
  }
  for (; i < to; i += 8) {
    if (i > lastBlock) i = lastBlock;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    const base = i + offset;
    for (let d = 0; d < taps; d++) {
      const w = weights[d]!;
      const j = base + d;
      s0 += w * closes[j]!;
      s1 += w * closes[j + 1]!;
      s2 += w * closes[j + 2]!;
      s3 += w * closes[j + 3]!;
      s4 += w * closes[j + 4]!;
      s5 += w * closes[j + 5]!;
      s6 += w * closes[j + 6]!;
      s7 += w * closes[j + 7]!;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
    out[i + 4] = s4;
    out[i + 5] = s5;
    out[i + 6] = s6;
    out[i + 7] = s7;
  }
}

/**
 * Sets `m[t]` for the four window positions `t .. t+3` to the window's own smoothing (its kernel cut by the
 * window's edges), for the window starting at bar `s`. Requires R >= 3, so that the four ranges of bars overlap.
 *
 * Neighbouring positions read nearly the same bars: their start and end each rise by 0 or 1 per position.
 * So the bars are walked once in three stretches: where the later positions have not started yet, where
 * all four read, and where the earlier ones have already ended.
 *
 * @example
 * smoothFour(kernel, closes, s, m, 32) // m[32..35] of the window starting at bar s
 */
export function smoothFour(
  kernel: SmoothingKernel,
  closes: Float64Array,
  s: number,
  m: Float64Array,
  t: number,
): void {
  const { table, from, last, window: w } = kernel;
  const r0 = t * w;
  const r1 = r0 + w;
  const r2 = r1 + w;
  const r3 = r2 + w;
  const from1 = from[t + 1]!;
  const from2 = from[t + 2]!;
  const from3 = from[t + 3]!;
  const last0 = last[t]!;
  const last1 = last[t + 1]!;
  const last2 = last[t + 2]!;
  const last3 = last[t + 3]!;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = from[t]!;
  for (; j < from3; j++) {
    const close = closes[s + j]!;
    s0 += table[r0 + j]! * close;
    if (j >= from1) s1 += table[r1 + j]! * close;
    if (j >= from2) s2 += table[r2 + j]! * close;
  }
  for (; j <= last0; j++) {
    const close = closes[s + j]!;
    s0 += table[r0 + j]! * close;
    s1 += table[r1 + j]! * close;
    s2 += table[r2 + j]! * close;
    s3 += table[r3 + j]! * close;
  }
  for (; j <= last3; j++) {
    const close = closes[s + j]!;
    if (j <= last1) s1 += table[r1 + j]! * close;
    if (j <= last2) s2 += table[r2 + j]! * close;
    s3 += table[r3 + j]! * close;
  }
  m[t] = s0;
  m[t + 1] = s1;
  m[t + 2] = s2;
  m[t + 3] = s3;
}

/**
 * Sets `m[t]` for window positions `t` in `[t0, t1]` to the window's own smoothing, for the window starting
 * at bar `s`: four positions at a time where the kernel allows. A block of four may reach back before `t0`
 * (a short range, or the last block): it sets those positions too, to the value they would get on their own.
 *
 * @example
 * smoothPositions(kernel, closes, s, m, 0, 7) // the left edge of the window starting at bar s
 */
export function smoothPositions(
  kernel: SmoothingKernel,
  closes: Float64Array,
  s: number,
  m: Float64Array,
  t0: number,
  t1: number,
): void {
  if (kernel.radius < 3 || t1 < 3) {
    // One position at a time: its row of weights over the window's bars from `from[t]`.
    for (let t = t0; t <= t1; t++)
      convolve(kernelRow(kernel, t), closes, m, t, t + 1, s + kernel.from[t]! - t);
    return;
  }
  for (let t = t0; t <= t1; t += 4) smoothFour(kernel, closes, s, m, Math.max(0, Math.min(t, t1 - 3)));
}

/**
 * Sets `out[e * stride + slot]`, for each window end `e` in `ends[0 .. count-1]`, to the own smoothing at
 * window position `t` of the window ending at bar `e`: one position for many scattered windows, four
 * windows at a time (their sums share the weights and advance side by side).
 *
 * @example
 * smoothScattered(kernel, closes, ends, count, 0, edges, slots, 0) // position 0 of each listed window
 */
export function smoothScattered(
  kernel: SmoothingKernel,
  closes: Float64Array,
  ends: Int32Array,
  count: number,
  t: number,
  out: Float64Array,
  stride: number,
  slot: number,
): void {
  const weights = kernelRow(kernel, t);
  // Bar of the first weight, relative to the window's last bar.
  const offset = kernel.from[t]! - (kernel.window - 1);
  // By the WebAssembly module where there is one (the same sums; see convolve-module.ts).
  if (scatteredByModule(weights, closes, ends, count, offset, out, stride, slot)) return;
  scatteredByLoop(weights, closes, ends, count, offset, out, stride, slot);
}

/**
 * smoothScattered in JavaScript, given the position's row and its offset: for fewer than four windows and
 * where the WebAssembly module is missing.
 *
 * @example
 * scatteredByLoop(kernelRow(kernel, t), closes, ends, count, kernel.from[t] - (W - 1), out, stride, slot)
 */
export function scatteredByLoop(
  weights: Float64Array,
  closes: Float64Array,
  ends: Int32Array,
  count: number,
  offset: number,
  out: Float64Array,
  stride: number,
  slot: number,
): void {
  const taps = weights.length;
  let k = 0;
  for (; k + 4 <= count; k += 4) {
    const e0 = ends[k]!;
    const e1 = ends[k + 1]!;
    const e2 = ends[k + 2]!;
    const e3 = ends[k + 3]!;
    const b0 = e0 + offset;
    const b1 = e1 + offset;
    const b2 = e2 + offset;
    const b3 = e3 + offset;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let d = 0; d < taps; d++) {
      const w = weights[d]!;
      s0 += w * closes[b0 + d]!;
      s1 += w * closes[b1 + d]!;
      s2 += w * closes[b2 + d]!;
      s3 += w * closes[b3 + d]!;
    }
    out[e0 * stride + slot] = s0;
    out[e1 * stride + slot] = s1;
    out[e2 * stride + slot] = s2;
    out[e3 * stride + slot] = s3;
  }
  for (; k < count; k++) {
    const e = ends[k]!;
    const base = e + offset;
    let sum = 0;
    for (let d = 0; d < taps; d++) sum += weights[d]! * closes[base + d]!;
    out[e * stride + slot] = sum;
  }
}
