// Many series replayed as a feed sends a universe: each instant's bars of every symbol before the next
// instant's, so the stream's shards fill side by side rather than one symbol's years after another's.

import { type Bar, instantValue } from "@stock-patterns/core";

/** A bar on its way to the stream with the symbol it is stored under. */
export interface SymbolBar extends Bar {
  symbol: string;
}

/** The bars of every series in the order they are sent, and where each series' bars are in that order. */
export interface Interleaved {
  bars: SymbolBar[];
  /** positions[s][i]: the index in `bars` of the i-th bar of the s-th series. */
  positions: number[][];
}

/**
 * The bars of `series` by instant (a time's instant, whatever its style), those of one instant in the
 * order of the series; each series' own order is kept, as its times ascend.
 *
 * @example
 * interleaved([{ symbol: "A", bars: [d1, d2] }, { symbol: "B", bars: [d1] }]).bars; // A d1, B d1, A d2
 */
export function interleaved(series: readonly { symbol: string; bars: readonly Bar[] }[]): Interleaved {
  const order: { instant: number; s: number; i: number }[] = [];
  for (const [s, { bars }] of series.entries())
    for (const [i, bar] of bars.entries()) order.push({ instant: instantValue(bar.time), s, i });
  // Array.prototype.sort is stable: within an instant, the series in order; within a series, its bars.
  order.sort((a, b) => a.instant - b.instant || a.s - b.s);
  const positions = series.map(({ bars }) => new Array<number>(bars.length));
  const bars = order.map(({ s, i }, at) => {
    const { symbol, bars: own } = series[s] as (typeof series)[number];
    (positions[s] as number[])[i] = at;
    return { ...(own[i] as Bar), symbol };
  });
  return { bars, positions };
}
