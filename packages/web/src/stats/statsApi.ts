// GET /stats: the evidence per code for one series, or across every symbol of an interval.
import { callApi } from "../api/client";
import type { EvidenceFigures } from "../api/types";
import type { StatsQuery } from "../app/routes";

/** What the Statistics page shows: one evidence object per code, and how fresh the figures are. */
export interface StatsAnswer {
  evidence: EvidenceFigures[];
  /** The time the figures count up to (PATTERNS.md "as of"). */
  asOf?: string;
  /** Across all symbols the figures may be a few minutes old: when they were computed. */
  computedAt?: string;
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
