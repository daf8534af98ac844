// Gaussian kernel weights for every window position, computed once per bandwidth (applied in smoothing.ts).
//
// Weights below 1e-17 of the centre weight cannot move a double-precision mean, so the kernel is cut at
// radius R = floor(h * sqrt(2 ln 1e17)). Positions whose full kernel fits inside the window ("interior")
// then smooth the same way in every window, so their values are computed once per bar and shared.
//
// An interior position's row of `table` holds the same numbers as `interior`: the kernel is symmetric, so
// its weights read right to left are the same sequence, normalised by the same sum.

import { WINDOW } from "./spec";

const NEGLIGIBLE_WEIGHT = 1e-17;

export interface SmoothingKernel {
  readonly bandwidth: number;
  /** Window length in bars: also the row length of `table`. */
  readonly window: number;
  readonly radius: number;
  /** Normalised weights for offsets -R..R, used at interior positions. */
  readonly interior: Float64Array;
  /** First and last interior positions (first > last when no position is interior). */
  readonly firstInterior: number;
  readonly lastInterior: number;
  /** For each window position: first and last bar position it reads. */
  readonly from: Int32Array;
  readonly last: Int32Array;
  /** Normalised weight of bar position j at window position t, at `t * WINDOW + j` (0 where unread). */
  readonly table: Float64Array;
  /** For each window position: its weights in bar order, from `from[t]` to `last[t]` (views of `table`). */
  readonly rows: readonly Float64Array[];
}

/**
 * Builds the kernel for bandwidth `h` (bars, > 0) and a window of `window` bars.
 *
 * @example
 * const kernel = smoothingKernel(1.0); kernel.radius // 8
 */
export function smoothingKernel(bandwidth: number, window = WINDOW): SmoothingKernel {
  if (!(bandwidth > 0) || !Number.isFinite(bandwidth)) {
    throw new RangeError(`bandwidth must be a positive number of bars, got ${bandwidth}`);
  }
  const radius = Math.min(window - 1, Math.floor(bandwidth * Math.sqrt(2 * Math.log(1 / NEGLIGIBLE_WEIGHT))));
  // K(0) = 1 written out: a bandwidth whose square underflows (below about 1e-154) made it 0 / 0, NaN, and
  // every window empty; the formula gives 1 there, and 0 at every other offset.
  const k = (x: number) => (x === 0 ? 1 : Math.exp(-(x * x) / (2 * bandwidth * bandwidth)));
  const normalised = (offsets: number[]) => {
    const raw = offsets.map(k);
    const total = raw.reduce((sum, w) => sum + w, 0);
    return Float64Array.from(raw, (w) => w / total);
  };
  const interior = normalised(Array.from({ length: 2 * radius + 1 }, (_, i) => i - radius));
  const from = new Int32Array(window);
  const last = new Int32Array(window);
  const table = new Float64Array(window * window);
  const rows: Float64Array[] = [];
  for (let t = 0; t < window; t++) {
    const first = Math.max(0, t - radius);
    const end = Math.min(window - 1, t + radius);
    from[t] = first;
    last[t] = end;
    const weights = normalised(Array.from({ length: end - first + 1 }, (_, i) => t - (first + i)));
    table.set(weights, t * window + first);
    rows.push(table.subarray(t * window + first, t * window + end + 1));
  }
  return {
    bandwidth,
    window,
    radius,
    interior,
    firstInterior: radius,
    lastInterior: window - 1 - radius,
    from,
    last,
    table,
    rows,
  };
}

/**
 * The weights of window position `t` (0 .. window-1), in bar order.
 *
 * @example
 * kernelRow(smoothingKernel(1.0), 0).length // 9: position 0 reads bars 0 .. R
 */
export function kernelRow(kernel: SmoothingKernel, t: number): Float64Array {
  const row = kernel.rows[t];
  if (row === undefined) throw new RangeError(`window position ${t} is outside 0..${kernel.window - 1}`);
  return row;
}
