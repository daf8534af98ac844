// A checked read of an array at an index its caller's bounds keep in range, for code that runs once per
// detection or less. The engine's per-bar and per-window loops read with `!` instead, under the invariant
// each of them states: a call there grows the caller past what the JIT inlines, and measured slower.

/**
 * `items[i]`, or a RangeError naming the index when a broken bound reads past the end (where a bare read
 * would hand on `undefined`).
 *
 * @example
 * itemAt(["a", "b"], 1) // "b"
 */
export function itemAt<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`index ${i} is outside 0..${items.length - 1}`);
  return item;
}
