// Deep comparison with floats equal to 1e-9 relative, as PATTERNS.md's second implementation checks ours.

const RELATIVE = 1e-9;
/** Below this both sides count as zero: sums of returns in another order differ by rounding alone. */
const ABSOLUTE = 1e-12;

/** Paths where `actual` and `expected` differ (empty when they agree). */
export function differences(actual: unknown, expected: unknown, path = "$"): string[] {
  if (typeof actual === "number" && typeof expected === "number") {
    const gap = Math.abs(actual - expected);
    const ok = gap <= ABSOLUTE || gap <= RELATIVE * Math.max(Math.abs(actual), Math.abs(expected));
    return ok ? [] : [`${path}: ${actual} != ${expected}`];
  }
  if (actual === null || expected === null || typeof actual !== "object" || typeof expected !== "object")
    return Object.is(actual, expected)
      ? []
      : [`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`];
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  return [...keys].flatMap((key) =>
    differences(
      (actual as Record<string, unknown>)[key],
      (expected as Record<string, unknown>)[key],
      `${path}.${key}`,
    ),
  );
}
