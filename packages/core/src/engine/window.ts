// Evaluates one window: its extrema up to the completion position, and the pattern rules.
//
// Every pattern needs an extremum at the completion position; the series (series.ts) has already
// decided that from three smoothed values, and most windows stop there. For the others it has also
// smoothed the window's edge positions. Extrema whose test reads only interior smoothed values are the
// same in every window and come from the series' links; only the edge positions are tested here.
// Scratch arrays are reused: no allocation per window except the returned codes.
//
// Indexed reads carry `!`: positions stay in 0 .. W-1 and bars inside the settled series (evaluate's
// contract), and these loops run for every window that can complete a pattern.
// biome-ignore-all lint/style/noNonNullAssertion: positions and bars stay inside the arrays (header).

import { CODE_BIT, codeMask, codesOfMask } from "../patterns/code-mask";
import { doublePattern } from "../patterns/double";
import { PATTERN_FAMILIES } from "../patterns/families";
import { fiveExtremumMask } from "../patterns/five";
import type { PatternCode } from "../types";
import { extremumKind, MAXIMUM, NOT_EXTREMUM, pricingBar } from "./extremum";
import type { SmoothingKernel } from "./kernel";
import type { SmoothedSeries } from "./series";
import { COMPLETION_POSITION, WINDOW } from "./spec";

// Local copies: imported bindings cost a property read per access in some module transforms.
const W = WINDOW;
const C = COMPLETION_POSITION;

const DOUBLE_CODES = new Set<PatternCode>(PATTERN_FAMILIES.double);

/** Extrema of the last evaluated window, up to and including E5, in position order. */
export interface WindowExtrema {
  readonly count: number;
  /** Position inside the window (0 .. W-1). */
  readonly positions: Int32Array;
  /** Index of the bar whose close prices the extremum: in the whole series (batch), in the buffer (streaming). */
  readonly bars: Int32Array;
  readonly prices: Float64Array;
  /** 1 for a maximum, 0 for a minimum. */
  readonly isMax: Uint8Array;
}

export class WindowEvaluator implements WindowExtrema {
  count = 0;
  readonly positions = new Int32Array(W);
  readonly bars = new Int32Array(W);
  readonly prices = new Float64Array(W);
  readonly isMax = new Uint8Array(W);
  private readonly m = new Float64Array(W);
  /** Interior extrema of the current window, newest first, as the links deliver them. */
  private readonly linked = new Int32Array(W);
  /** The wanted codes as a mask of CODE_BIT. */
  private readonly wanted: number;
  private readonly wantFive: boolean;
  private readonly wantDouble: boolean;
  /** Positions whose extremum test reads only interior values: [firstLinked, lastLinked], maybe empty. */
  private readonly firstLinked: number;
  private readonly lastLinked: number;

  constructor(kernel: SmoothingKernel, wanted: ReadonlySet<PatternCode>) {
    this.wanted = codeMask(wanted);
    this.wantFive = [...wanted].some((code) => !DOUBLE_CODES.has(code));
    this.wantDouble = [...wanted].some((code) => DOUBLE_CODES.has(code));
    this.firstLinked = kernel.firstInterior + 1;
    this.lastLinked = Math.min(kernel.lastInterior - 1, C);
  }

  /**
   * Codes found in the window ending at bar `e` of `series` (null when none), in reporting order: an array
   * shared with every window that finds the same codes, frozen (read it, never change it). `series` must be
   * settled up to bar `e`. Afterwards this object describes the window's extrema (when the completion
   * position holds one).
   */
  evaluate(series: SmoothedSeries, e: number): PatternCode[] | null {
    const c = C;
    this.count = 0;
    if (!series.canComplete(e)) return null;

    const m = this.m;
    m[c - 1] = series.beforeCompletion[e]!;
    m[c] = series.atCompletion[e]!;
    m[c + 1] = series.afterCompletion[e]!;
    this.collectExtrema(series, e);

    // The rules mark codes in a mask; the codes of a mask are one shared array (codesOfMask), so a window
    // that finds patterns makes no array of its own.
    let found = 0;
    const count = this.count;
    if (this.wantFive && count >= 5)
      found = fiveExtremumMask(this.prices, count - 5, this.isMax[count - 5] === 1);
    if (this.wantDouble) {
      const code = doublePattern(this);
      if (code) found |= CODE_BIT[code];
    }
    found &= this.wanted;
    return found === 0 ? null : codesOfMask(found);
  }

  /** Extrema at positions 1..C in order: edges tested here, the interior ones taken from the series. */
  private collectExtrema(series: SmoothedSeries, e: number): void {
    const s = e - W + 1;
    const first = this.firstLinked;
    const last = this.lastLinked;
    if (first > last) {
      this.loadRange(series, e, 0, C - 2);
      this.testPositions(series, s, 1, C);
      return;
    }
    // Edge tests read m up to position `first` and from position `last`; C-1 .. C+1 are already set.
    this.loadRange(series, e, 0, first);
    this.loadRange(series, e, last, C - 2);
    this.testPositions(series, s, 1, first - 1);
    this.takeLinked(series, s, first, last);
    this.testPositions(series, s, last + 1, C);
  }

  /** Sets m[t0..t1] for the window ending at bar e: the series' interior smoothing, or its edge values. */
  private loadRange(series: SmoothedSeries, e: number, t0: number, t1: number): void {
    const { edgeSlot, edges, smooth } = series;
    const slots = series.edgePositions.length;
    const m = this.m;
    const s = e - W + 1;
    for (let t = t0; t <= t1; t++) {
      const slot = edgeSlot[t]!;
      m[t] = slot < 0 ? smooth[s + t]! : edges[e * slots + slot]!;
    }
  }

  /** Tests positions t0..t1 against their smoothed neighbours in m and records the extrema. */
  private testPositions(series: SmoothedSeries, s: number, t0: number, t1: number): void {
    const { closes, base } = series;
    const m = this.m;
    for (let t = t0; t <= t1; t++) {
      const kind = extremumKind(m[t - 1]!, m[t]!, m[t + 1]!);
      if (kind === NOT_EXTREMUM) continue;
      const bar = pricingBar(closes, s + t, kind);
      this.record(t, base + bar, closes[bar]!, kind === MAXIMUM);
    }
  }

  /** Records the series' extrema at positions first..last, following its links back from the last. */
  private takeLinked(series: SmoothedSeries, s: number, first: number, last: number): void {
    const { previous, priceBar, kind, closes, base } = series;
    const linked = this.linked;
    let found = 0;
    for (let b = previous[s + last]!; b >= s + first; b = previous[b - 1]!) linked[found++] = b;
    for (let i = found - 1; i >= 0; i--) {
      const b = linked[i]!;
      const bar = priceBar[b]!;
      this.record(b - s, base + bar, closes[bar]!, kind[b] === MAXIMUM);
    }
  }

  private record(position: number, bar: number, price: number, max: boolean): void {
    const n = this.count;
    this.positions[n] = position;
    this.bars[n] = bar;
    this.prices[n] = price;
    this.isMax[n] = max ? 1 : 0;
    this.count = n + 1;
  }
}
