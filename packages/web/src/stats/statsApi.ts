// GET /stats: the evidence per code for one series, or across every symbol of an interval.

import type { Stats } from "@stock-patterns/core/contracts";
import { callApi } from "../api/client";
import type { StatsQuery } from "../app/routes";

/** What the Statistics page shows: the API's answer (one evidence object per code, and how fresh it is). */
export type StatsAnswer = Stats;

/**
 * The evidence for the question.
 * @example (await getStats("k", { symbol: "SPX", interval: "1d" })).evidence.length
 */
export async function getStats(
  apiKey: string,
  query: StatsQuery,
  signal?: AbortSignal,
): Promise<StatsAnswer> {
  return callApi<StatsAnswer>("GET", "/stats", { apiKey, signal }, { query: { ...query } });
}
