// The gap between the time a Statistics question asked for and the figures' own: the stream stores one
// snapshot a batch (daily series about one a year of bars at 500 records a batch), and the answer is the
// newest at or before the time asked, which may lie months before it.
import { queryTime } from "@stock-patterns/core/contracts";
import { formatBarTime } from "../ui/format";
import type { StatsAnswer } from "./statsApi";

/**
 * Said when the figures are as of an earlier bar than the time asked for, else undefined (no time asked,
 * or the snapshot is at that very time). Pooled, each series counts up to its own snapshot: the span of them.
 * @example asOfGap({ symbol: "SPX", interval: "1d", asOf: "2010-03-03T00:00:00.000Z", requestedAsOf: "2010-03-10", … })
 * // "As of 2010-03-03, the latest figures recorded on or before 2010-03-10."
 */
export function asOfGap(answer: StatsAnswer): string | undefined {
  if (answer.requestedAsOf === undefined) return undefined;
  const read = queryTime(answer.requestedAsOf);
  if (!("time" in read)) return undefined;
  const [oldest, newest] = answer.pooledFrom
    ? [answer.pooledFrom.oldestAsOf, answer.pooledFrom.newestAsOf]
    : [answer.asOf, answer.asOf];
  if (oldest === null || newest === null) return undefined;
  // Compared as written (a daily series' bar and a time asked later that day read as one date).
  const bar = (time: string) => formatBarTime(time, answer.interval);
  const asked = bar(read.time);
  if (bar(oldest) === asked && bar(newest) === asked) return undefined;
  const when =
    bar(oldest) === bar(newest) ? bar(newest) : `${bar(oldest)} to ${bar(newest)} (each series its own)`;
  return `As of ${when}, the latest figures recorded on or before ${asked}.`;
}
