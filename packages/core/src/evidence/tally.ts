// Running counts and sums of outcomes, and the evidence figures made from them. The stream keeps a tally
// bar by bar; the batch builds the same tally in the same order, so their shared figures agree exactly.

import { itemAt } from "../engine/indexed";
import { keepShape } from "../engine/kept-shapes";
import { byHorizon } from "../outcomes/by-horizon";
import { EXPECTED_DIRECTION, HORIZONS } from "../outcomes/spec";
import type { ResolvedStatus } from "../outcomes/types";
import type { PatternCode } from "../types";
import { wilsonInterval } from "./statistics";
import type {
  CodeTally,
  EvidenceTally,
  ReturnTally,
  RunningEvidence,
  RunningHorizonEvidence,
  RunningReturnSummary,
} from "./types";

export function emptyReturnTallies(): ReturnTally[] {
  return HORIZONS.map(() => ({ n: 0, sum: 0, up: 0, down: 0 }));
}

export function emptyCodeTally(): CodeTally {
  return {
    detections: 0,
    resolved: 0,
    status: { target: 0, failed: 0, stalled: 0, expired: 0 },
    succeeded: 0,
    horizons: emptyReturnTallies(),
  };
}

export function emptyEvidenceTally(): EvidenceTally {
  return { codes: {}, baseline: emptyReturnTallies() };
}

/** The tally of `code`, created on first use. */
export function codeTally(tally: EvidenceTally, code: PatternCode): CodeTally {
  let found = tally.codes[code];
  if (found === undefined) {
    found = emptyCodeTally();
    tally.codes[code] = found;
  }
  return found;
}

export function countReturn(tally: ReturnTally, r: number): void {
  tally.n++;
  tally.sum += r;
  if (r > 0) tally.up++;
  else if (r < 0) tally.down++;
}

export function countResolved(tally: CodeTally, status: ResolvedStatus, succeeded: boolean): void {
  tally.resolved++;
  tally.status[status]++;
  if (succeeded) tally.succeeded++;
}

function runningSummary(t: ReturnTally): RunningReturnSummary {
  return t.n === 0 ? { n: 0, mean: null, upShare: null } : { n: t.n, mean: t.sum / t.n, upShare: t.up / t.n };
}

/** Share in the expected direction minus the baseline's; null when either has no returns. */
function lift(code: PatternCode, returns: ReturnTally, baseline: ReturnTally): number | null {
  if (returns.n === 0 || baseline.n === 0) return null;
  const up = EXPECTED_DIRECTION[code] === "up";
  return (up ? returns.up : returns.down) / returns.n - (up ? baseline.up : baseline.down) / baseline.n;
}

/**
 * The running evidence of `code` from a tally: PATTERNS.md's evidence without median and KS.
 *
 * @example
 * runningEvidence("HS", tally.codes.HS ?? emptyCodeTally(), tally.baseline).successRate
 */
export function runningEvidence(code: PatternCode, t: CodeTally, baseline: ReturnTally[]): RunningEvidence {
  if (!shapesKept) keepEvidenceShapes();
  return {
    pattern: code,
    detections: t.detections,
    resolved: t.resolved,
    status: { ...t.status },
    succeeded: t.succeeded,
    successRate: t.resolved === 0 ? null : t.succeeded / t.resolved,
    successInterval: wilsonInterval(t.succeeded, t.resolved),
    // Runs for every streamed detection: byHorizon builds the integer-keyed object at its size.
    horizons: byHorizon([
      horizonEvidence(code, itemAt(t.horizons, 0), itemAt(baseline, 0)),
      horizonEvidence(code, itemAt(t.horizons, 1), itemAt(baseline, 1)),
      horizonEvidence(code, itemAt(t.horizons, 2), itemAt(baseline, 2)),
      horizonEvidence(code, itemAt(t.horizons, 3), itemAt(baseline, 3)),
    ]) as RunningEvidence["horizons"],
  };
}

function horizonEvidence(
  code: PatternCode,
  returns: ReturnTally,
  baseline: ReturnTally,
): RunningHorizonEvidence {
  const entry: RunningHorizonEvidence = {
    returns: runningSummary(returns),
    baseline: runningSummary(baseline),
  };
  if (EXPECTED_DIRECTION[code] !== undefined) entry.lift = lift(code, returns, baseline);
  return entry;
}

// Running evidence kept for good (kept-shapes.ts): for a code with an expected direction (its horizons have a
// lift) and one without, counted and empty (numbers and nulls). When a full collection found none left in
// the stream, it took their shapes and with them the optimized code of runningEvidence and horizonEvidence
// (--trace-deopt "weak objects" after gc() between streaming runs). Made with the first running evidence,
// not when the module loads: most processes make none (0.5 ms of every CLI start, cli300k's marks).
let shapesKept = false;

function keepEvidenceShapes(): void {
  shapesKept = true;
  const counted = emptyCodeTally();
  const countedBaseline = emptyReturnTallies();
  for (const returns of [...counted.horizons, ...countedBaseline]) countReturn(returns, 0.5);
  countResolved(counted, "target", true);
  for (const code of ["HS", "BTOP"] as const) {
    keepShape(runningEvidence(code, counted, countedBaseline));
    keepShape(runningEvidence(code, emptyCodeTally(), emptyReturnTallies()));
  }
}
