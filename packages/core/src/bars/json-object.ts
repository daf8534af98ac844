// What a JSON bar (or an object holding bars) must be before any key of it is read.

/**
 * Whether `value` is a JSON object: not null, not an array.
 *
 * @example
 * isJsonObject({ time: "2024-01-02", close: 5 }) // true
 * isJsonObject([1, 2]) // false
 */
export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
