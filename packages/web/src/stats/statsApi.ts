// GET /stats: the evidence per code for one series, or across every symbol of an interval.
import { callApi } from "../api/client";
import type { EvidenceFigures } from "../api/types";
import type { StatsQuery } from "../app/routes";

/** What the Statistics page shows: one evidence object per code, and how fresh the figures are. */
export interface StatsAnswer {
  /** Null when pooled over every symbol of the interval. */
  symbol: string | null;
  interval: string;
  /** The bar the figures count up to (PATTERNS.md "as of"); null when pooled (each series to its newest). */
  asOf: string | null;
  requestedAsOf?: string;
  /** When the figures were counted, and how long before the answer. */
  computedAt: string;
  ageSeconds: number;
  /** How many series the figures count. */
  series: number;
  evidence: EvidenceFigures[];
}

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
