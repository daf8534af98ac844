// Running evidence from stored tallies: several series' tallies pooled into one (counts and sums add up
// exactly), and the running evidence of every code read from a tally.

import { itemAt } from "../engine/indexed";
import { PATTERN_CODES } from "../types";
import { emptyCodeTally, emptyEvidenceTally, runningEvidence } from "./tally";
import type { CodeTally, EvidenceTally, ReturnTally, RunningEvidence } from "./types";

function addReturns(into: ReturnTally[], from: readonly ReturnTally[]): void {
  from.forEach((t, i) => {
    const sum = itemAt(into, i);
    sum.n += t.n;
    sum.sum += t.sum;
    sum.up += t.up;
    sum.down += t.down;
  });
}

function addCode(into: CodeTally, from: CodeTally): void {
  into.detections += from.detections;
  into.resolved += from.resolved;
  into.succeeded += from.succeeded;
  for (const status of Object.keys(into.status) as (keyof CodeTally["status"])[])
    into.status[status] += from.status[status];
  addReturns(into.horizons, from.horizons);
}

/**
 * The tally of several series together, as if their bars had been counted in one tally: what PATTERNS.md
 * pools over several series (detections, outcomes, and each series' own baseline returns).
 *
 * @example
 * poolTallies([spx.outcomes.evidence, ndx.outcomes.evidence]).baseline[0].n // both series' 1-bar returns
 */
export function poolTallies(tallies: readonly EvidenceTally[]): EvidenceTally {
  const pooled = emptyEvidenceTally();
  for (const tally of tallies) addTally(pooled, tally);
  return pooled;
}

/**
 * Adds one more series' tally into `pooled` (from emptyEvidenceTally), in place: poolTallies a tally at a
 * time, so a caller reading series one by one need not keep them. Adding in the same order gives the same
 * sums to the last bit.
 *
 * @example
 * const pooled = emptyEvidenceTally();
 * for (const window of windows) addTally(pooled, window.outcomes.evidence);
 */
export function addTally(pooled: EvidenceTally, tally: EvidenceTally): void {
  addReturns(pooled.baseline, tally.baseline);
  for (const [code, t] of Object.entries(tally.codes) as [keyof EvidenceTally["codes"], CodeTally][]) {
    pooled.codes[code] ??= emptyCodeTally();
    addCode(pooled.codes[code], t);
  }
}

/**
 * The running evidence (PATTERNS.md "Evidence" without median and KS) of every code, in the order of
 * PATTERN_CODES, from a tally.
 *
 * @example
 * tallyEvidence(window.outcomes.evidence).find((e) => e.pattern === "HS")?.successRate
 */
export function tallyEvidence(tally: EvidenceTally): RunningEvidence[] {
  return PATTERN_CODES.map((code) =>
    runningEvidence(code, tally.codes[code] ?? emptyCodeTally(), tally.baseline),
  );
}
