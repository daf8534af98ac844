// The Statistics table's order: by any column, either way; codes with no figure for it go last.
import { PATTERN_CODES } from "@stock-patterns/core/vocabulary";
import type { EvidenceFigures } from "../api/types";
import { EDGE_HORIZON } from "../evidence/evidenceWords";

/** The columns the table can be sorted by. */
export const STATS_SORT_KEYS = ["pattern", "detections", "successRate", "meanReturn", "lift"] as const;
export type StatsSortKey = (typeof STATS_SORT_KEYS)[number];
export type SortOrder = "ascending" | "descending";

export interface StatsSort {
  key: StatsSortKey;
  order: SortOrder;
}

/** The table first opens in the codes' usual order (PATTERNS.md's). */
export const DEFAULT_SORT: StatsSort = { key: "pattern", order: "ascending" };

/** The figure a row is sorted by; null when the evidence has none (no resolved detections, no lift). */
export function sortValue(evidence: EvidenceFigures, key: StatsSortKey): number | null {
  const horizon = evidence.horizons[EDGE_HORIZON];
  switch (key) {
    case "pattern":
      return PATTERN_CODES.indexOf(evidence.pattern);
    case "detections":
      return evidence.detections;
    case "successRate":
      return evidence.successRate;
    case "meanReturn":
      return horizon?.returns.mean ?? null;
    case "lift":
      return horizon?.lift ?? null;
  }
}

/**
 * The rows in the chosen order, missing figures last either way, ties in the codes' usual order.
 * @example sortEvidence(rows, { key: "successRate", order: "descending" })[0].pattern // the best rate
 */
export function sortEvidence(rows: readonly EvidenceFigures[], sort: StatsSort): EvidenceFigures[] {
  const sign = sort.order === "ascending" ? 1 : -1;
  const usual = (row: EvidenceFigures) => PATTERN_CODES.indexOf(row.pattern);
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x === null || y === null) return x === y ? usual(a) - usual(b) : x === null ? 1 : -1;
    return x === y ? usual(a) - usual(b) : sign * (x - y);
  });
}

/** Clicking a column: the same column turns around; a new one starts descending (largest first), names ascending. */
export function nextSort(current: StatsSort, key: StatsSortKey): StatsSort {
  if (current.key === key) return { key, order: current.order === "ascending" ? "descending" : "ascending" };
  return { key, order: key === "pattern" ? "ascending" : "descending" };
}
