// The evidence across an interval's series as of a past time: each series' newest snapshot at or before
// it, pooled. Series are those the newest pooling run listed; each counts up to its own snapshot's bar,
// so the answer says which bars those were (oldest and newest) and how many series had none by then.

import { poolTallies } from "@stock-patterns/core";
import { mapLimit } from "#util";
import { type EvidenceSnapshot, seriesList, seriesSnapshot } from "./repository";

/** Series snapshots read at once: one Query each. */
const READS_IN_FLIGHT = 32;

/** What a pooled tally as of a past time is made of. */
export interface PooledFrom {
  /** Series of the interval the newest pooling run listed, and when it ran (ISO UTC). */
  listed: number;
  listedAt: string;
  /** The bar times of the oldest and newest snapshot pooled (ISO UTC). */
  oldestAsOf: string;
  newestAsOf: string;
}

/** A pooled answer, or why there is none. */
export type PooledAsOf =
  | { found: "pooled"; snapshot: EvidenceSnapshot; from: PooledFrom }
  | { found: "unlisted" }
  | { found: "none"; listed: number };

/**
 * Pools, over the series of `interval` the newest pooling run listed, each one's newest snapshot at or
 * before `asOf` (ISO UTC). One Query per listed series, 32 at a time.
 *
 * @example
 * const answer = await pooledAsOf("1d", "2010-01-02T00:00:00.000Z");
 * if (answer.found === "pooled") answer.from.oldestAsOf; // the stalest series' bar
 */
export async function pooledAsOf(interval: string, asOf: string, now = new Date()): Promise<PooledAsOf> {
  const list = await seriesList(interval, now);
  if (!list) return { found: "unlisted" };
  const snapshots = (
    await mapLimit(list.symbols, READS_IN_FLIGHT, (symbol) => seriesSnapshot(symbol, interval, asOf, now))
  ).filter((snapshot): snapshot is EvidenceSnapshot => snapshot !== undefined);
  if (snapshots.length === 0) return { found: "none", listed: list.symbols.length };
  const times = snapshots.map((snapshot) => snapshot.asOf).sort();
  return {
    found: "pooled",
    snapshot: {
      asOf,
      tally: poolTallies(snapshots.map((snapshot) => snapshot.tally)),
      series: snapshots.length,
      computedAt: now.toISOString(),
    },
    from: {
      listed: list.symbols.length,
      listedAt: list.listedAt,
      oldestAsOf: times[0] ?? asOf,
      newestAsOf: times[times.length - 1] ?? asOf,
    },
  };
}
