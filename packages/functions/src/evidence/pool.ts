// The evidence across symbols: every stored window's running tally, pooled per interval, stored on the
// ThresholdChecker's 5-minute schedule so GET /stats without a symbol reads one item, never a table scan.

import { type EvidenceTally, poolTallies } from "@stock-patterns/core";
import type { SymbolWindow } from "#stream";
import { savePooledSnapshot, saveSeriesList } from "./repository";

/** What one pooling run stored: series counted per interval. */
export type PoolResult = Record<string, number>;

/**
 * Pools the tallies the windows carry (each series as of its newest bar), one snapshot per interval,
 * and lists the series it counted (for pooled answers as of a past time, evidence/pooled-as-of.ts).
 *
 * @example
 * await poolEvidence(await listWindows()) // { "1d": 503, "1m": 120 }
 */
export async function poolEvidence(windows: readonly SymbolWindow[], now = new Date()): Promise<PoolResult> {
  const byInterval = new Map<string, { tallies: EvidenceTally[]; symbols: string[] }>();
  for (const window of windows) {
    if (!window.outcomes) continue;
    const series = byInterval.get(window.interval) ?? { tallies: [], symbols: [] };
    series.tallies.push(window.outcomes.evidence);
    series.symbols.push(window.symbol);
    byInterval.set(window.interval, series);
  }
  const result: PoolResult = {};
  for (const [interval, { tallies, symbols }] of byInterval) {
    await savePooledSnapshot(interval, poolTallies(tallies), tallies.length, now);
    await saveSeriesList(interval, symbols, now);
    result[interval] = tallies.length;
  }
  return result;
}
