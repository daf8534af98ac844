// Objects keyed by forward-return horizon ("1", "5", "10", "20"), as PATTERNS.md writes returns and
// evidence, built at the size they need.

import { HORIZONS, type Horizon } from "./spec";

/**
 * Empty objects to copy, by how many horizons they hold. V8 keeps integer-like keys as elements up to
 * the largest (index 20): built by a literal or key by key such an object reserves room for 47 (about 500
 * bytes with four numbers), while JSON.parse sizes it exactly and a spread copy keeps that size (about
 * 300 bytes), taking about 70% of the literal's instructions.
 */
const TEMPLATES: readonly object[] = HORIZONS.map((_, n) =>
  JSON.parse(JSON.stringify(Object.fromEntries(HORIZONS.slice(0, n + 1).map((h) => [h, 0])))),
);

/**
 * `values[i]` under the key of HORIZONS[i], for as many horizons as there are values (at most four).
 *
 * @example
 * byHorizon([0.01, 0.02]) // { "1": 0.01, "5": 0.02 }
 */
export function byHorizon<T>(values: readonly T[]): Partial<Record<`${Horizon}`, T>> {
  if (values.length === 0) return {};
  const keyed: Record<number, T> = { ...TEMPLATES[values.length - 1] };
  // biome-ignore lint/style/noNonNullAssertion: i < values.length <= HORIZONS.length (one value per horizon).
  for (let i = 0; i < values.length; i++) keyed[HORIZONS[i]!] = values[i]!;
  return keyed;
}
