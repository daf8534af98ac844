// The gap between the time a Statistics question asked for and the figures' own: the stream stores one
// snapshot a batch (daily series about one a year of bars at 500 records a batch), and the answer is the
// newest at or before the time asked, which may lie months before it.
// The API's reading of a query time (core's queryTime: a year or a month is its first instant), from its
// parts: queryTime's module holds the request schemas, and zod in the bundle tries eval, which the
// console's Content-Security-Policy refuses.
import { askedTime, sortableTime } from "@stock-patterns/core";
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
  const given = askedTime(answer.requestedAsOf);
  const time = "text" in given ? sortableTime(given.text) : undefined;
  if (time === undefined) return undefined;
  const [oldest, newest] = answer.pooledFrom
    ? [answer.pooledFrom.oldestAsOf, answer.pooledFrom.newestAsOf]
    : [answer.asOf, answer.asOf];
  if (oldest === null || newest === null) return undefined;
  // Compared as written (a daily series' bar and a time asked later that day read as one date).
  const bar = (instant: string) => formatBarTime(instant, answer.interval);
  const asked = bar(time);
  if (bar(oldest) === asked && bar(newest) === asked) return undefined;
  const when =
    bar(oldest) === bar(newest) ? bar(newest) : `${bar(oldest)} to ${bar(newest)} (each series its own)`;
  return `As of ${when}, the latest figures recorded on or before ${asked}.`;
}
