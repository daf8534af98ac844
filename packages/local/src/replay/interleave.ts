// Many series replayed as a feed sends a universe: each instant's bars of every symbol before the next
// instant's, so the stream's shards fill side by side rather than one symbol's years after another's.

import { type Bar, instantValue } from "@stock-patterns/core";

/** The bars of every series in the order they are sent, and where each series' bars are in that order. */
export interface Interleaved {
  /** The series' own bar objects (not copies). */
  bars: Bar[];
  /** symbols[i]: the symbol of bars[i]. */
  symbols: string[];
  /** positions[s][i]: the index in `bars` of the i-th bar of the s-th series. */
  positions: number[][];
}

/**
 * The bars of `series` by instant (a time's instant, whatever its style), those of one instant in the
 * order of the series; each series' own order is kept, as its times ascend.
 *
 * @example
 * interleaved([{ symbol: "A", bars: [a1, a2] }, { symbol: "B", bars: [b1] }]); // bars a1, b1, a2; symbols A, B, A
 */
export function interleaved(series: readonly { symbol: string; bars: readonly Bar[] }[]): Interleaved {
  // A counting sort by instant: each distinct instant a slot, filled series by series, each series' bars in
  // order (no two of one series share an instant). No object a bar: 2.55 M bars' comparison sort of an
  // object each and a copy of each bar with its symbol took 4.7 s, at 2.2 GB peak.
  const total = series.reduce((sum, { bars }) => sum + bars.length, 0);
  const instants = new Float64Array(total);
  let next = 0;
  for (const { bars } of series) for (const bar of bars) instants[next++] = instantValue(bar.time);
  const distinct = distinctSorted(instants);
  const firstAt = new Uint32Array(distinct.length + 1);
  const slotOf = new Uint32Array(total);
  for (let k = 0; k < total; k++) {
    const slot = indexOf(distinct, instants[k] as number);
    slotOf[k] = slot;
    firstAt[slot + 1] = (firstAt[slot + 1] as number) + 1;
  }
  for (let slot = 1; slot <= distinct.length; slot++)
    firstAt[slot] = (firstAt[slot] as number) + (firstAt[slot - 1] as number);
  const bars = new Array<Bar>(total);
  const symbols = new Array<string>(total);
  const positions: number[][] = [];
  next = 0;
  for (const { symbol, bars: own } of series) {
    const placed = new Array<number>(own.length);
    for (const [i, bar] of own.entries()) {
      const slot = slotOf[next++] as number;
      const at = firstAt[slot] as number;
      firstAt[slot] = at + 1;
      placed[i] = at;
      bars[at] = bar;
      symbols[at] = symbol;
    }
    positions.push(placed);
  }
  return { bars, symbols, positions };
}

/** The distinct values of `values`, ascending. */
function distinctSorted(values: Float64Array): Float64Array {
  const sorted = values.slice().sort();
  let kept = 0;
  for (let k = 0; k < sorted.length; k++)
    if (k === 0 || sorted[k] !== sorted[kept - 1]) sorted[kept++] = sorted[k] as number;
  return sorted.subarray(0, kept);
}

/** The index of `value` in the ascending `sorted`, which holds it. */
function indexOf(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
