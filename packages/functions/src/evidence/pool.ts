// The evidence across symbols: every stored window's running tally, pooled per interval, stored on the
// ThresholdChecker's 5-minute schedule so GET /stats without a symbol reads one item, never a table scan.

import { addTally, type EvidenceTally, emptyEvidenceTally } from "@stock-patterns/core";
import type { SymbolWindow } from "#stream";
import { savePooledSnapshot, saveSeriesList } from "./repository";

/** What one pooling run stored: series counted per interval. */
export type PoolResult = Record<string, number>;

/** What pooling reads of a window: its series and its running tally. */
export type PooledWindow = Pick<SymbolWindow, "symbol" | "interval" | "outcomes">;

/**
 * The evidence of windows pooled per interval as they are read, one at a time: a running tally and the
 * symbols counted are kept, not the windows, so a caller reading the table a page at a time holds a page.
 * The tallies add in the order the windows come, as poolTallies adds them: the same sums to the last bit.
 *
 * @example
 * const pooling = new EvidencePooling();
 * for await (const window of eachWindow()) pooling.add(window);
 * await pooling.save(); // { "1d": 503, "1m": 120 }
 */
export class EvidencePooling {
  private readonly byInterval = new Map<string, { tally: EvidenceTally; symbols: string[] }>();

  /** Counts the window's tally with its interval's (a window saved before outcomes has none). */
  add(window: PooledWindow): void {
    if (!window.outcomes) return;
    let series = this.byInterval.get(window.interval);
    if (!series) {
      series = { tally: emptyEvidenceTally(), symbols: [] };
      this.byInterval.set(window.interval, series);
    }
    addTally(series.tally, window.outcomes.evidence);
    series.symbols.push(window.symbol);
  }

  /** Stores one snapshot per interval and lists the series it counted (evidence/pooled-as-of.ts). */
  async save(now = new Date()): Promise<PoolResult> {
    const result: PoolResult = {};
    for (const [interval, { tally, symbols }] of this.byInterval) {
      await savePooledSnapshot(interval, tally, symbols.length, now);
      await saveSeriesList(interval, symbols, now);
      result[interval] = symbols.length;
    }
    return result;
  }
}

/**
 * Pools the tallies the windows carry (each series as of its newest bar), one snapshot per interval,
 * and lists the series it counted (for pooled answers as of a past time, evidence/pooled-as-of.ts).
 *
 * @example
 * await poolEvidence(eachWindow()) // { "1d": 503, "1m": 120 }
 */
export async function poolEvidence(
  windows: AsyncIterable<PooledWindow> | Iterable<PooledWindow>,
  now = new Date(),
): Promise<PoolResult> {
  const pooling = new EvidencePooling();
  for await (const window of windows) pooling.add(window);
  return pooling.save(now);
}
