// Evaluates one window: smoothing, extrema up to the completion position, and the pattern rules.
//
// Every pattern needs an extremum at the completion position, so that is checked first from three
// smoothed values; most windows stop there. Scratch arrays are reused: no allocation per window.

import { doublePattern } from "../patterns/double";
import { PATTERN_FAMILIES } from "../patterns/families";
import { fiveExtremumPatterns } from "../patterns/five";
import type { PatternCode } from "../types";
import type { SmoothingKernel } from "./kernel";
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
  /** Absolute index of the bar whose close prices the extremum. */
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
  private readonly five = [0, 0, 0, 0, 0];
  private readonly found: PatternCode[] = [];
  private readonly wanted: ReadonlySet<PatternCode>;
  private readonly wantFive: boolean;
  private readonly wantDouble: boolean;

  constructor(
    private readonly kernel: SmoothingKernel,
    wanted: ReadonlySet<PatternCode>,
  ) {
    this.wanted = wanted;
    this.wantFive = [...wanted].some((code) => !DOUBLE_CODES.has(code));
    this.wantDouble = [...wanted].some((code) => DOUBLE_CODES.has(code));
  }

  /** Smoothed value at window position t, for the window starting at bar s. */
  private smoothedAt(closes: Float64Array, smooth: Float64Array, s: number, t: number): number {
    const k = this.kernel;
    if (t >= k.firstInterior && t <= k.lastInterior) return smooth[s + t];
    const w = k.weights[t];
    const base = s + k.from[t];
    let sum = 0;
    for (let d = 0; d < w.length; d++) sum += w[d] * closes[base + d];
    return sum;
  }

  /**
   * Codes found in the window ending at bar `e` (null when none), in reporting order. `smooth` must hold
   * the interior smoothing of `closes` for the window's interior bars. Afterwards this object describes
   * the window's extrema (when the completion position holds one).
   */
  evaluate(closes: Float64Array, smooth: Float64Array, e: number): PatternCode[] | null {
    const s = e - W + 1;
    const c = C;
    const before = this.smoothedAt(closes, smooth, s, c - 1);
    const at = this.smoothedAt(closes, smooth, s, c);
    const after = this.smoothedAt(closes, smooth, s, c + 1);
    const completesMax = before < at && at >= after;
    const completesMin = before > at && at <= after;
    this.count = 0;
    if (!completesMax && !completesMin) return null;

    const m = this.m;
    for (let t = 0; t < c - 1; t++) m[t] = this.smoothedAt(closes, smooth, s, t);
    m[c - 1] = before;
    m[c] = at;
    m[c + 1] = after;
    this.collectExtrema(closes, s);

    const found = this.found;
    found.length = 0;
    if (this.wantFive && this.count >= 5) {
      const first = this.count - 5;
      for (let i = 0; i < 5; i++) this.five[i] = this.prices[first + i];
      fiveExtremumPatterns(this.five, this.isMax[first] === 1, found);
    }
    if (this.wantDouble) {
      const code = doublePattern(this);
      if (code) found.push(code);
    }
    if (found.length === 0) return null;
    const wanted = found.filter((code) => this.wanted.has(code));
    return wanted.length > 0 ? wanted : null;
  }

  private collectExtrema(closes: Float64Array, s: number): void {
    const m = this.m;
    let n = 0;
    for (let t = 1; t <= C; t++) {
      const max = m[t - 1] < m[t] && m[t] >= m[t + 1];
      const min = !max && m[t - 1] > m[t] && m[t] <= m[t + 1];
      if (!max && !min) continue;
      let bar = s + t - 1;
      for (let j = s + t; j <= s + t + 1; j++) {
        if (max ? closes[j] > closes[bar] : closes[j] < closes[bar]) bar = j;
      }
      this.positions[n] = t;
      this.bars[n] = bar;
      this.prices[n] = closes[bar];
      this.isMax[n] = max ? 1 : 0;
      n++;
    }
    this.count = n;
  }
}
