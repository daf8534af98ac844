// Bar times come as ISO dates, datetimes or epoch numbers; sort keys need one order, so store ISO UTC.

import { instantValue } from "../bars/time";

/**
 * The ISO-8601 UTC form of a bar time, which sorts chronologically as text: always four digits of year,
 * as a time names an instant of the years 0000 to 9999 in UTC (bars/time.ts). Epoch numbers below 1e11
 * are read as seconds, larger ones as milliseconds (instantValue). Returns undefined for text that is not a time.
 *
 * @example
 * sortableTime("2020-01-02") // "2020-01-02T00:00:00.000Z"
 */
export function sortableTime(time: string): string | undefined {
  const ms = instantValue(time);
  if (!Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
