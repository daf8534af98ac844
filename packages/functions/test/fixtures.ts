// Test data: real daily S&P 500 bars from data/, and alerts built the way the producers build them.

import { readFileSync } from "node:fs";
import { type Bar, parseBarsCsv } from "@stock-patterns/core";
import type { Alert } from "#alerts";

let cached: Bar[] | undefined;

/** The repository's sample series (S&P 500 daily bars from 2000). */
export function sp500(): Bar[] {
  cached ??= parseBarsCsv(readFileSync(new URL("../../../data/sp500-2000.csv", import.meta.url), "utf8"));
  return cached;
}

let serial = 0;

/** A queued alert with a fresh id, as the AlertDecision step would raise it. */
export function queuedAlert(overrides: Partial<Alert> = {}): Alert {
  serial++;
  return {
    alertId: `alr_test_${serial}_${Date.now()}`,
    source: "pattern",
    symbol: "SPX",
    interval: "1d",
    severity: "HIGH",
    barTime: "2000-03-10",
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, serial)).toISOString(),
    message: "head-and-shoulders (HS) ending 2000-03-07, confidence 80",
    status: "QUEUED",
    pattern: "HS",
    confidence: 80,
    patternId: `pat_test_${serial}`,
    ...overrides,
  };
}
