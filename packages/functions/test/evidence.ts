// What the stream can carry of the CLI's evidence (PATTERNS.md "Evidence"): the same without median and KS.

import type { Evidence, RunningEvidence } from "@stock-patterns/core";

/** `evidence` without the figures that need every value (median, KS): what the stream keeps. */
export function running(evidence: Evidence): RunningEvidence {
  const horizons = Object.fromEntries(
    Object.entries(evidence.horizons).map(([h, { returns, baseline, ks: _ks, ...rest }]) => {
      const { median: _m, ...r } = returns;
      const { median: _b, ...b } = baseline;
      return [h, { returns: r, baseline: b, ...rest }];
    }),
  ) as RunningEvidence["horizons"];
  return { ...evidence, horizons };
}
