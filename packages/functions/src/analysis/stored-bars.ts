// A detection's stretch of bars stored as one string attribute: a list of maps costs a conditional write
// about twice the CPU (both sides of the call) for bars that are only ever read back whole, for a chart.

import type { Bar } from "@stock-patterns/core";

/** One bar as stored: time, close, then volume, open, high, low (null where absent, trailing ones cut). */
type StoredBar = [time: string, close: number, ...rest: (number | null)[]];

const OPTIONAL = ["volume", "open", "high", "low"] as const;

/**
 * Packs a detection's bars into the text stored in its `bars` attribute: a JSON array of tuples, so the
 * item holds one attribute value where a list of maps held six per bar.
 *
 * @example
 * packStoredBars([{ time: "2020-01-02", close: 10, volume: 5 }]) // '[["2020-01-02",10,5]]'
 */
export function packStoredBars(bars: readonly Bar[]): string {
  return JSON.stringify(
    bars.map((bar): StoredBar => {
      const rest = OPTIONAL.map((field) => bar[field] ?? null);
      while (rest.length > 0 && rest[rest.length - 1] === null) rest.pop();
      return [bar.time, bar.close, ...rest];
    }),
  );
}

/**
 * The bars of a stored detection: packed text as packStoredBars writes it, or the list of bar maps that
 * records stored before it hold (answered as they are); anything else reads as no bars.
 *
 * @example
 * unpackStoredBars('[["2020-01-02",10,5]]') // [{ time: "2020-01-02", close: 10, volume: 5 }]
 */
export function unpackStoredBars(stored: unknown): Bar[] {
  if (Array.isArray(stored)) return stored as Bar[];
  if (typeof stored !== "string") return [];
  return (JSON.parse(stored) as StoredBar[]).map(([time, close, volume, open, high, low]) => ({
    time,
    ...(typeof open === "number" && { open }),
    ...(typeof high === "number" && { high }),
    ...(typeof low === "number" && { low }),
    close,
    ...(typeof volume === "number" && { volume }),
  }));
}
