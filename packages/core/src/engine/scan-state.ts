// The working state of a batch scan (kernel, per-bar facts, window evaluator), kept from one scan to the
// next with the same options: a universe scans many short series, and making the state for each (its
// typed arrays fresh memory every time) was a visible part of a 5,000-bar scan.

import { codeMask } from "../patterns/code-mask";
import type { PatternCode } from "../types";
import { type SmoothingKernel, smoothingKernel } from "./kernel";
import { type DetectOptions, resolveOptions } from "./options";
import { SmoothedSeries } from "./series";
import { WindowEvaluator } from "./window";

/** Bars per chunk: the per-bar facts of one chunk stay in cache and need no memory per series length. */
export const CHUNK = 4096;

/** What a batch scan works in: a series' per-bar facts and the evaluator of its windows, for one kernel. */
export interface ScanState {
  bandwidth: number;
  kernel: SmoothingKernel;
  series: SmoothedSeries;
  evaluator: WindowEvaluator;
}

/**
 * States kept from earlier scans, by bandwidth and codes, the last used last: the workflow's family
 * branches and the API's size check scan each series three times, a family at a time, in one process. With
 * one state kept, every such scan made a new one (its kernel and 0.5 MB of fresh typed arrays: 1.4 ms of
 * every POST /patterns' runtime CPU, more in the collector). States of one bandwidth share a series: only
 * one kept state is used at a time (`held`).
 */
const kept = new Map<string, ScanState>();
/** How many option sets keep a state: the workflow's three families, and all twelve codes. */
const KEPT_STATES = 4;
const NO_CLOSES = new Float64Array(0);
/** True while a scan holds a kept state (a scan started inside another gets a state of its own). */
let held = false;

/**
 * Runs `scan` with a scan state for `options`: one kept from an earlier scan with the same options
 * (scanCloses restarts the series on its closes, as it does for each chunk), else a new one, kept.
 *
 * @example
 * withScanState({ bandwidth: 1 }, ({ series, evaluator }) => ...)
 */
export function withScanState<T>(options: DetectOptions, scan: (state: ScanState) => T): T {
  const { bandwidth, wanted } = resolveOptions(options);
  if (held) return scan(newState(bandwidth, wanted));
  const state = keptState(bandwidth, wanted);
  held = true;
  try {
    return scan(state);
  } finally {
    // Let go of the caller's closes.
    state.series.restart(NO_CLOSES, 0);
    held = false;
  }
}

/** The kept state for `bandwidth` and `wanted`, made (on a kept series of that bandwidth, if any) when none is. */
function keptState(bandwidth: number, wanted: ReadonlySet<PatternCode>): ScanState {
  const key = `${bandwidth} ${codeMask(wanted)}`;
  let state = kept.get(key);
  if (state !== undefined) {
    kept.delete(key);
  } else {
    const sibling = [...kept.values()].find((other) => other.bandwidth === bandwidth);
    state =
      sibling === undefined
        ? newState(bandwidth, wanted)
        : { ...sibling, evaluator: new WindowEvaluator(sibling.kernel, wanted) };
    if (kept.size === KEPT_STATES) kept.delete(kept.keys().next().value as string);
  }
  kept.set(key, state);
  return state;
}

function newState(bandwidth: number, wanted: ReadonlySet<PatternCode>): ScanState {
  const kernel = smoothingKernel(bandwidth);
  return {
    bandwidth,
    kernel,
    series: new SmoothedSeries(kernel, CHUNK),
    evaluator: new WindowEvaluator(kernel, wanted),
  };
}
