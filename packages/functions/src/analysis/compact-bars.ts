// Bars travel through the workflow as [time, close, volume?] tuples: 5,000 of them fit the 256 KB state limit.

import type { Bar } from "@stock-patterns/core";

/** One bar as carried in workflow state: what detection and scoring read (time, close, volume). */
export type CompactBar = [time: string, close: number, volume?: number];

/** Packs bars for the workflow (open, high and low are not used by detection). */
export function packBars(bars: readonly Bar[]): CompactBar[] {
  return bars.map((bar) =>
    bar.volume === undefined ? [bar.time, bar.close] : [bar.time, bar.close, bar.volume],
  );
}

/** Unpacks workflow bars into objects `parseBarsJson` and the detectors accept. */
export function unpackBars(bars: readonly unknown[]): unknown[] {
  return bars.map((bar) => {
    if (!Array.isArray(bar)) return bar;
    const [time, close, volume] = bar as unknown[];
    return volume === undefined ? { time, close } : { time, close, volume };
  });
}
