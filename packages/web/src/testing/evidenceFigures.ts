// Test helper: evidence as the API sends it, built around docs/patterns.md's head-and-shoulders on the
// bundled S&P 500 series (79 detections, 20 succeeded, lift −2.2 points at 10 bars).
import type { EvidenceFigures, HorizonFigures, PatternCode } from "../api/types";

/** One horizon: the pattern's n returns (mean +0.51%) against the sample's baseline (5,095, +0.19%, 58.6% up). */
export function horizonFigures(n: number, upShare: number, lift?: number | null): HorizonFigures {
  return {
    returns: { n, mean: 0.0051, upShare },
    baseline: { n: 5095, mean: 0.0019, upShare: BASELINE_UP / 5095 },
    lift,
  };
}

/** The baseline's 10-bar returns above zero: 2,985 of 5,095, and none exactly zero. */
const BASELINE_UP = 2985;

/**
 * A down claim's horizon from `up` of `n` returns above zero and none at zero: its lift then is the baseline's
 * share above zero minus the pattern's, reckoned as the evidence reckons it (shares below zero, from counts).
 */
export function downFigures(n: number, up: number): HorizonFigures {
  return horizonFigures(n, up / n, (n - up) / n - (5095 - BASELINE_UP) / 5095);
}

/** A code's evidence with docs/patterns.md's head-and-shoulders counts unless told otherwise; `tenBars`: 10. */
export function evidenceFigures(
  pattern: PatternCode,
  tenBars: HorizonFigures,
  counts: Partial<Omit<EvidenceFigures, "pattern" | "horizons">> = {},
): EvidenceFigures {
  const other = horizonFigures(tenBars.returns.n, 0.5);
  return {
    pattern,
    detections: 79,
    resolved: 79,
    status: { target: 35, failed: 30, stalled: 13, expired: 1 },
    succeeded: 20,
    successRate: 0.2532,
    successInterval: [0.1703, 0.3589],
    ...counts,
    horizons: { "1": other, "5": other, "10": tenBars, "20": other },
  };
}

/** docs/patterns.md's head-and-shoulders on SPX, as of the sample's last bar. */
export const SPX_HS = evidenceFigures("HS", downFigures(79, 48));
