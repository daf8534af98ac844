// The statistics evidence needs: Wilson interval, median, two-sample Kolmogorov-Smirnov.

/** z for a 95% interval, as PATTERNS.md fixes it. */
export const WILSON_Z = 1.959964;
/** Below this lambda the KS p-value is 1 (the series converges slowly there and the answer is ~1). */
const KS_MIN_LAMBDA = 0.3;
const KS_TERMS = 100;

/**
 * The 95% Wilson score interval of `successes` out of `n`, or null when n is 0.
 *
 * @example
 * wilsonInterval(20, 79) // [0.1703..., 0.3589...]
 */
export function wilsonInterval(successes: number, n: number): [number, number] | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = WILSON_Z * WILSON_Z;
  const scale = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / scale;
  const half = (WILSON_Z / scale) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [center - half, center + half];
}

/**
 * The median of values sorted ascending: the mean of the two middle values for even n; null when empty.
 *
 * @example
 * medianOfSorted([1, 2, 4, 8]) // 3
 */
export function medianOfSorted(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  // biome-ignore lint/style/noNonNullAssertion: n > 0, so mid and (for even n) mid - 1 lie in 0 .. n-1.
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Two-sample KS: `D = sup |F(x) - G(x)|` over both samples (each sorted ascending), and its asymptotic
 * p-value. Null when either sample is empty.
 *
 * @example
 * ksTest(Float64Array.of(1, 2, 3), Float64Array.of(2, 3, 4)) // { D: 0.333..., p: 1 }
 */
export function ksTest(a: ArrayLike<number>, b: ArrayLike<number>): { D: number; p: number } | null {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return null;
  let i = 0;
  let j = 0;
  let D = 0;
  // Both step functions jump at the same x together (ties), so take every copy of x from both first.
  while (i < n && j < m) {
    // biome-ignore lint/style/noNonNullAssertion: the loop runs while i < n and j < m.
    const x = Math.min(a[i]!, b[j]!);
    while (i < n && a[i] === x) i++;
    while (j < m && b[j] === x) j++;
    const gap = Math.abs(i / n - j / m);
    if (gap > D) D = gap;
  }
  return { D, p: ksPValue(D, n, m) };
}

/** The asymptotic two-sample KS p-value of PATTERNS.md (100 terms, 1 below lambda 0.3, clipped to [0, 1]). */
export function ksPValue(D: number, n: number, m: number): number {
  const lambda = Math.sqrt((n * m) / (n + m)) * D;
  if (lambda < KS_MIN_LAMBDA) return 1;
  let sum = 0;
  for (let j = 1; j <= KS_TERMS; j++) sum += (j % 2 === 1 ? 1 : -1) * Math.exp(-2 * j * j * lambda * lambda);
  return Math.min(1, Math.max(0, 2 * sum));
}
