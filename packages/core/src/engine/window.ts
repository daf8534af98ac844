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
import { smoothPositions } from "./smoothing";
import { COMPLETION_POSITION, DOUBLE_MIN_SPAN, WINDOW } from "./spec";

// Local copies: imported bindings cost a property read per access in some module transforms.
const W = WINDOW;
const C = COMPLETION_POSITION;

const DOUBLE_CODES = new Set<PatternCode>(PATTERN_FAMILIES.double);

/**
 * Extrema of the last evaluated window, up to and including E5, in position order: all of them from
 * position 1 whenever a double is among its codes; otherwise perhaps only those from the first linked
 * position on (the window's left edge is tested only when a rule may need it), which always hold the
 * last five that the five-extremum codes read.
 */
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
  /** Whether the extrema from position 1 on are all recorded (the left edge tested). */
  private whole = false;
  /** Where the left edge's extrema wait while those after them move up (moveToFront). */
  private readonly heldPositions = new Int32Array(W);
  private readonly heldBars = new Int32Array(W);
  private readonly heldPrices = new Float64Array(W);
  private readonly heldIsMax = new Uint8Array(W);
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
  evaluate(series: SmoothedSeries, e: number): readonly PatternCode[] | null {
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
    // Without the left edge there is no double (see leftEdgeNeeded).
    if (this.wantDouble && this.whole) {
      const code = doublePattern(this);
      if (code) found |= CODE_BIT[code];
    }
    found &= this.wanted;
    return found === 0 ? null : codesOfMask(found);
  }

  /**
   * Extrema at positions 1..C in order: edges tested here, the interior ones taken from the series. The
   * right of the window first; its left edge (smoothed here, not by the series) only when a rule may read
   * an extremum there.
   */
  private collectExtrema(series: SmoothedSeries, e: number): void {
    const s = e - W + 1;
    const first = this.firstLinked;
    const last = this.lastLinked;
    if (first > last) {
      this.loadRange(series, e, 0, C - 2);
      this.testPositions(series, s, 1, C);
      this.whole = true;
      return;
    }
    // Edge tests read m from position `last`; C-1 .. C+1 are already set.
    this.loadRange(series, e, last, C - 2);
    this.takeLinked(series, s, first, last);
    this.testPositions(series, s, last + 1, C);
    this.whole = false;
    if (this.leftEdgeNeeded()) this.addLeftEdge(series, s);
  }

  /**
   * Whether a rule may read an extremum left of the linked positions: the five-extremum rules when fewer
   * than five are recorded; a double unless one extremum recorded rules it out. A double's F lies more than
   * DOUBLE_MIN_SPAN positions before E5 and is the window's first extremum, so every extremum from E5's
   * position - DOUBLE_MIN_SPAN on comes after F; E5 must beat each of those of its kind (doubleCandidate:
   * the first on a tie stays).
   */
  private leftEdgeNeeded(): boolean {
    const last = this.count - 1;
    if (this.wantFive && last < 4) return true;
    if (!this.wantDouble) return false;
    const { positions, prices, isMax } = this;
    const max = isMax[last]!;
    const price = prices[last]!;
    const from = positions[last]! - DOUBLE_MIN_SPAN;
    for (let i = last - 1; i >= 0 && positions[i]! >= from; i--) {
      if (isMax[i] !== max) continue;
      if (max === 1 ? prices[i]! >= price : prices[i]! <= price) return false;
    }
    return true;
  }

  /** Tests the left edge (positions 1 .. firstLinked-1) and puts its extrema before those recorded. */
  private addLeftEdge(series: SmoothedSeries, s: number): void {
    const m = this.m;
    const first = this.firstLinked;
    const left = series.leftEdge;
    // The same sums in the same order as the series' own edge smoothing, so the same bits.
    if (left > 0) smoothPositions(series.kernel, series.closes, s, m, 0, left - 1);
    const smooth = series.smooth;
    for (let t = left; t <= first; t++) m[t] = smooth[s + t]!;
    const recorded = this.count;
    this.testPositions(series, s, 1, first - 1);
    if (this.count > recorded) this.moveToFront(recorded);
    this.whole = true;
  }

  /** Moves the extrema recorded from index `from` on before the others, keeping each group's order. */
  private moveToFront(from: number): void {
    const { positions, bars, prices, isMax, heldPositions, heldBars, heldPrices, heldIsMax } = this;
    const moved = this.count - from;
    for (let i = 0; i < moved; i++) {
      heldPositions[i] = positions[from + i]!;
      heldBars[i] = bars[from + i]!;
      heldPrices[i] = prices[from + i]!;
      heldIsMax[i] = isMax[from + i]!;
    }
    for (let i = from - 1; i >= 0; i--) {
      positions[i + moved] = positions[i]!;
      bars[i + moved] = bars[i]!;
      prices[i + moved] = prices[i]!;
      isMax[i + moved] = isMax[i]!;
    }
    for (let i = 0; i < moved; i++) {
      positions[i] = heldPositions[i]!;
      bars[i] = heldBars[i]!;
      prices[i] = heldPrices[i]!;
      isMax[i] = heldIsMax[i]!;
    }
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
