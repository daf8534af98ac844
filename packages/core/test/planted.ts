// Builds series with a chosen shape: closes interpolated linearly between pivots, one bar per day.

import { itemAt } from "../src/engine/indexed";
import type { Bar } from "../src/types";

/** A turning point of the planted shape: window position and close. */
export type Pivot = readonly [position: number, price: number];

const DAY_MS = 86_400_000;

/** ISO date of day `i` after 2020-01-01. */
export function day(i: number): string {
  return new Date(Date.UTC(2020, 0, 1) + i * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Bars whose closes run straight between consecutive pivots (the first pivot at position 0, the last
 * at the series' last bar). `noise(i)` is added to each close, `volume(i)` sets volumes when given.
 */
export function plantedBars(
  pivots: readonly Pivot[],
  options: { noise?: (i: number) => number; volume?: (i: number) => number; offset?: number } = {},
): Bar[] {
  const bars: Bar[] = [];
  const last = itemAt(pivots, pivots.length - 1)[0];
  for (let i = 0; i <= last; i++) {
    const k = pivots.findIndex(([position]) => position >= i);
    const [p1, c1] = itemAt(pivots, Math.max(0, k - 1));
    const [p2, c2] = itemAt(pivots, k);
    const close = p2 === p1 ? c2 : c1 + ((c2 - c1) * (i - p1)) / (p2 - p1);
    const bar: Bar = { time: day(i + (options.offset ?? 0)), close: close + (options.noise?.(i) ?? 0) };
    if (options.volume) bar.volume = options.volume(i);
    bars.push(bar);
  }
  return bars;
}

/** Five turning points E1..E5 ending at position 34, then three bars that confirm, in a 38-bar window. */
export function fiveExtrema(
  e: readonly [number, number, number, number, number],
  start: number,
  end: number,
): Pivot[] {
  return [
    [0, start],
    [6, e[0]],
    [13, e[1]],
    [20, e[2]],
    [27, e[3]],
    [34, e[4]],
    [37, end],
  ];
}
