// "Within x% of their mean", exactly as PATTERNS.md words it.
// Every loop reads indices 0 .. length-1 of its group: `!` there, as the rules run for every candidate.
// biome-ignore-all lint/style/noNonNullAssertion: indices run over 0 .. length-1 only.

/** Mean of a group of prices. */
export function mean(values: readonly number[]): number {
  // Indexed rather than for-of: it runs for every candidate group and every detection's score, and the
  // for-of loop showed up hot in profiles.
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/**
 * True when every value `v` has `|v - mean| <= pct/100 * mean`.
 *
 * @example
 * withinPct([985, 1015], 1.5) // true: both exactly 1.5% from 1000
 */
export function withinPct(values: readonly number[], pct: number): boolean {
  const m = mean(values);
  const limit = (pct / 100) * m;
  for (let i = 0; i < values.length; i++) if (Math.abs(values[i]! - m) > limit) return false;
  return true;
}

/** Largest relative distance from the group's mean, as a fraction of the mean. */
export function relativeSpread(values: readonly number[]): number {
  const m = mean(values);
  let worst = 0;
  for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(values[i]! - m));
  return worst / m;
}

/** True when each value is strictly above the one before it. */
export function strictlyRising(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i]! > values[i - 1]!)) return false;
  return true;
}

/** True when each value is strictly below the one before it. */
export function strictlyFalling(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i]! < values[i - 1]!)) return false;
  return true;
}

/**
 * withinPct([a, b], pct) without the array: the same sums in the same order, so the same answer on every
 * input (the window rules run it for most windows that can complete a pattern).
 *
 * @example
 * pairWithinPct(985, 1015, 1.5) // true
 */
export function pairWithinPct(a: number, b: number, pct: number): boolean {
  const m = (0 + a + b) / 2;
  const limit = (pct / 100) * m;
  return !(Math.abs(a - m) > limit) && !(Math.abs(b - m) > limit);
}

/**
 * withinPct([a, b, c], pct) without the array, the same sums in the same order.
 *
 * @example
 * tripleWithinPct(992.5, 1000, 1007.5, 0.75) // true
 */
export function tripleWithinPct(a: number, b: number, c: number, pct: number): boolean {
  const m = (0 + a + b + c) / 3;
  const limit = (pct / 100) * m;
  return !(Math.abs(a - m) > limit) && !(Math.abs(b - m) > limit) && !(Math.abs(c - m) > limit);
}
