// A bar interval's spelling and length, without zod: the schema checks requests with it, and the console
// (through core's vocabulary) tells daily bars from intraday ones by it.

/** A bar interval's spelling: a count of 1 to 999 and a unit (minutes, hours, days, weeks, months). */
export const INTERVAL_SHAPE = /^([1-9]\d{0,2})(m|h|d|wk|mo)$/;

/** Each unit's length, a month as its longest (31 days). */
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, wk: 604_800_000, mo: 2_678_400_000 } as const;

/**
 * The longest time one bar of `interval` spans, in milliseconds; undefined when it is not an interval.
 *
 * @example
 * intervalSpanMs("15m") // 900000
 */
export function intervalSpanMs(interval: string): number | undefined {
  const [, count, unit] = INTERVAL_SHAPE.exec(interval) ?? [];
  return count === undefined ? undefined : Number(count) * UNIT_MS[unit as keyof typeof UNIT_MS];
}
