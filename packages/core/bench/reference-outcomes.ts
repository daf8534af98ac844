// PATTERNS.md "Outcomes" read a second time, straight from the page, sharing no code with src/outcomes:
// each outcome computed from scratch as of a given bar. The tests compare the engine against it.

import { itemAt } from "../src/engine/indexed";
import type { Bar } from "../src/types";
import { type ReferenceDetection, referenceScan } from "./reference";

export interface ReferenceOutcome {
  ceiling: number;
  floor: number;
  status: "open" | "expired" | "target" | "failed" | "stalled";
  breakout: { time: string; direction: "up" | "down" } | null;
  target: number | null;
  resolvedAt: string | null;
  returns: Record<string, number>;
}

/**
 * The outcome of the detection with start bar `a` and detection bar `e`, counting only bars up to
 * index `last` (the series' end by default).
 *
 * @example
 * referenceOutcome(bars, 6, 37).status
 */
export function referenceOutcome(
  bars: readonly Bar[],
  a: number,
  e: number,
  last = bars.length - 1,
): ReferenceOutcome {
  const close = (i: number) => itemAt(bars, i).close;
  const range = bars.slice(a, e + 1).map((bar) => bar.close);
  const ceiling = Math.max(...range);
  const floor = Math.min(...range);
  const height = ceiling - floor;
  const returns: Record<string, number> = {};
  for (const h of [1, 5, 10, 20]) if (e + h <= last) returns[String(h)] = close(e + h) / close(e) - 1;
  const outcome: ReferenceOutcome = {
    ceiling,
    floor,
    status: "open",
    breakout: null,
    target: null,
    resolvedAt: null,
    returns,
  };

  let b = -1;
  for (let i = e + 1; i <= Math.min(e + 35, last); i++) {
    if (close(i) > ceiling || close(i) < floor) {
      b = i;
      break;
    }
  }
  if (b < 0) {
    if (e + 35 <= last) {
      outcome.status = "expired";
      outcome.resolvedAt = itemAt(bars, e + 35).time;
    }
    return outcome;
  }
  const up = close(b) > ceiling;
  outcome.breakout = { time: itemAt(bars, b).time, direction: up ? "up" : "down" };
  const target = up ? ceiling + height : floor - height;
  outcome.target = target;
  for (let k = b; k <= Math.min(b + 35, last); k++) {
    const hit = up ? close(k) >= target : close(k) <= target;
    const failed = up ? close(k) < floor : close(k) > ceiling;
    if (hit || failed) {
      outcome.status = hit ? "target" : "failed";
      outcome.resolvedAt = itemAt(bars, k).time;
      return outcome;
    }
  }
  if (b + 35 <= last) {
    outcome.status = "stalled";
    outcome.resolvedAt = itemAt(bars, b + 35).time;
  }
  return outcome;
}

/** A reference detection with the indices of its start and detection bars. */
export interface IndexedDetection extends ReferenceDetection {
  a: number;
  e: number;
}

/** The reference scan, each detection located by the times of its start and detection bars. */
export function referenceIndexedScan(bars: readonly Bar[], bandwidth?: number): IndexedDetection[] {
  const index = new Map(bars.map((bar, i) => [bar.time, i]));
  return referenceScan(bars, bandwidth).map((d) => ({
    ...d,
    a: index.get(d.start) as number,
    e: index.get(d.detectedAt) as number,
  }));
}

/**
 * Every detection of the reference scan with its outcome as of the series' end.
 *
 * @example
 * referenceScanOutcomes(bars).filter((d) => d.outcome.status === "target")
 */
export function referenceScanOutcomes(
  bars: readonly Bar[],
  bandwidth?: number,
): (ReferenceDetection & { outcome: ReferenceOutcome })[] {
  return referenceIndexedScan(bars, bandwidth).map(({ a, e, ...d }) => ({
    ...d,
    outcome: referenceOutcome(bars, a, e),
  }));
}
