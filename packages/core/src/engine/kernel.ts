// Gaussian kernel weights for every window position, computed once per bandwidth.
//
// Weights below 1e-17 of the centre weight cannot move a double-precision mean, so the kernel is cut at
// radius R = floor(h * sqrt(2 ln 1e17)). Positions whose full kernel fits inside the window ("interior")
// then smooth the same way in every window, so their values are computed once per bar and shared.

import { WINDOW } from "./spec";

const NEGLIGIBLE_WEIGHT = 1e-17;

export interface SmoothingKernel {
  readonly bandwidth: number;
  readonly radius: number;
  /** Normalised weights for offsets -R..R, used at interior positions. */
  readonly interior: Float64Array;
  /** First and last interior positions (first > last when no position is interior). */
  readonly firstInterior: number;
  readonly lastInterior: number;
  /** For each window position: first bar position it reads and its normalised weights. */
  readonly from: Int32Array;
  readonly weights: Float64Array[];
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
  const k = (x: number) => Math.exp(-(x * x) / (2 * bandwidth * bandwidth));
  const normalised = (offsets: number[]) => {
    const raw = offsets.map(k);
    const total = raw.reduce((sum, w) => sum + w, 0);
    return Float64Array.from(raw, (w) => w / total);
  };
  const interior = normalised(Array.from({ length: 2 * radius + 1 }, (_, i) => i - radius));
  const from = new Int32Array(window);
  const weights: Float64Array[] = [];
  for (let t = 0; t < window; t++) {
    const first = Math.max(0, t - radius);
    const last = Math.min(window - 1, t + radius);
    from[t] = first;
    weights.push(normalised(Array.from({ length: last - first + 1 }, (_, i) => t - (first + i))));
  }
  return {
    bandwidth,
    radius,
    interior,
    firstInterior: radius,
    lastInterior: window - 1 - radius,
    from,
    weights,
  };
}

/**
 * Fills `smooth[i]` for `i` in `[from, to)` with the interior (full-kernel) smoothing of `closes`.
 * Requires `from >= R` and `to + R <= closes.length`. One code path for batch and streaming keeps them identical.
 */
export function smoothInterior(
  kernel: SmoothingKernel,
  closes: Float64Array,
  smooth: Float64Array,
  from: number,
  to: number,
): void {
  const { interior, radius } = kernel;
  const taps = interior.length;
  for (let i = from; i < to; i++) {
    let sum = 0;
    const base = i - radius;
    for (let d = 0; d < taps; d++) sum += interior[d] * closes[base + d];
    smooth[i] = sum;
  }
}
