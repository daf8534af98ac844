// Test helper: a daily series of weekdays from 2000-01-03 with close = 100 + index, and the time of a bar.
import type { Bar } from "../api/types";

/**
 * `length` daily bars (weekdays only) from 2000-01-03, close = 100 + index.
 * @example dailySeries(2).map((bar) => bar.time) // ["2000-01-03", "2000-01-04"]
 */
export function dailySeries(length: number): Bar[] {
  const series: Bar[] = [];
  for (let day = Date.UTC(2000, 0, 3); series.length < length; day += 86_400_000) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6)
      series.push({ time: new Date(day).toISOString().slice(0, 10), close: 100 + series.length });
  }
  return series;
}

/** The time of bar `index` of a series (a readable stand-in when there is none, so a test fails plainly). */
export const timeOf = (series: readonly Bar[], index: number) => series[index]?.time ?? `no bar ${index}`;
