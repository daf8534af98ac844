// The working state of a batch scan (kernel, per-bar facts, window evaluator), kept from one scan to the
// next with the same options: a universe scans many short series, and making the state for each (its
// typed arrays fresh memory every time) was a visible part of a 5,000-bar scan.

import type { PatternCode } from "../types";
import { type SmoothingKernel, smoothingKernel } from "./kernel";
import { type DetectOptions, resolveOptions } from "./options";
import { SmoothedSeries } from "./series";
import { WindowEvaluator } from "./window";

/** Bars per chunk: the per-bar facts of one chunk stay in cache and need no memory per series length. */
export const CHUNK = 4096;

interface ScanState {
  bandwidth: number;
  wanted: ReadonlySet<PatternCode>;
  kernel: SmoothingKernel;
  series: SmoothedSeries;
  evaluator: WindowEvaluator;
}

let kept: ScanState | undefined;
const NO_CLOSES = new Float64Array(0);
/** True while a scan holds `kept` (a scan started inside another gets a state of its own). */
let held = false;

const sameCodes = (a: ReadonlySet<PatternCode>, b: ReadonlySet<PatternCode>) =>
  a.size === b.size && [...a].every((code) => b.has(code));

/**
 * Runs `scan` with a scan state for `options`: the one kept from the last scan when its options were
 * the same (scanCloses restarts the series on its closes, as it does for each chunk), else a new one.
 *
 * @example
 * withScanState({ bandwidth: 1 }, ({ series, evaluator }) => ...)
 */
export function withScanState<T>(options: DetectOptions, scan: (state: ScanState) => T): T {
  const { bandwidth, wanted } = resolveOptions(options);
  if (held) return scan(newState(bandwidth, wanted));
  if (kept === undefined || kept.bandwidth !== bandwidth || !sameCodes(kept.wanted, wanted))
    kept = newState(bandwidth, wanted);
  held = true;
  try {
    return scan(kept);
  } finally {
    // Let go of the caller's closes.
    kept.series.restart(NO_CLOSES, 0);
    held = false;
  }
}

function newState(bandwidth: number, wanted: ReadonlySet<PatternCode>): ScanState {
  const kernel = smoothingKernel(bandwidth);
  return {
    bandwidth,
    wanted,
    kernel,
    series: new SmoothedSeries(kernel, CHUNK),
    evaluator: new WindowEvaluator(kernel, wanted),
  };
}
