// The per-bar facts that every window over a series shares: the interior smoothing and the extrema it implies.
//
// A position's extremum test reads three smoothed values. Where all three are interior values, they are the
// same in every window that holds the bar, so "bar b is a maximum (or minimum), priced at bar p" is decided
// once per bar instead of once per window. Each bar also links to the nearest such bar at or before it, so a
// window gathers its interior extrema by following links, without testing the positions in between.
//
// The window ending at a bar is a per-bar fact as well: the three smoothed values around its completion
// position, which decide whether it can hold a pattern at all, are computed here bar after bar, so batch
// computes them for many windows in one interleaved loop.
//
// Indexed reads carry `!`: bar indices stay in 0 .. capacity-1 and window positions in 0 .. W-1 (settle
// works on bars up to `to`, the kernel's reach stays inside the window), and these loops run per bar.
// biome-ignore-all lint/style/noNonNullAssertion: bar and position indices stay inside the arrays (header).

import { extremumKind, NOT_EXTREMUM, pricingBar } from "./extremum";
import { kernelRow, type SmoothingKernel } from "./kernel";
import { convolve, smoothFour, smoothPositions, smoothScattered } from "./smoothing";
import { COMPLETION_POSITION, SMOOTHED_TIE, WINDOW } from "./spec";

/** SMOOTHED_TIE held here for canComplete: an imported binding is read through its module's cell at every
 * use (the engine on a million closes 86 -> 95 ms so, as fast as before held here). */
const TIE = SMOOTHED_TIE;

/** Below this many new windows, settle smooths each window on its own (see settle). */
const FEW_WINDOWS = 8;

/**
 * Closes and their shared per-bar facts, indexed by bar. Holds at most `capacity` bars: streaming appends to
 * its own buffer and compacts it; batch restarts it on successive overlapping views of a long series, so
 * memory stays small and the arrays stay in cache.
 *
 * @example
 * const series = new SmoothedSeries(smoothingKernel(1), 4096);
 * series.restart(closes.subarray(0, 4096), 0);
 * series.settle(0, 4096);
 */
export class SmoothedSeries {
  /** The closes, by bar: a view of the caller's series (batch) or this series' own buffer (streaming). */
  closes: Float64Array;
  /** Index in the whole series of bar 0 here: reported extrema carry whole-series bar indices. */
  base = 0;
  /** Interior smoothing, valid for bars R .. n-1-R. */
  readonly smooth: Float64Array;
  /** MAXIMUM, MINIMUM or NOT_EXTREMUM by the interior smoothing, valid for bars R+1 .. n-2-R. */
  readonly kind: Int8Array;
  /** For an extremum bar: the bar among its neighbours and itself whose close prices it. */
  readonly priceBar: Int32Array;
  /** The nearest extremum bar at or before this one, or a negative number when there is none. */
  readonly previous: Int32Array;
  /** The own smoothing of the window ending at this bar, at positions C-1, C and C+1 (from bar W-1 on). */
  readonly beforeCompletion: Float64Array;
  readonly atCompletion: Float64Array;
  readonly afterCompletion: Float64Array;
  /**
   * Window positions below C-1 whose smoothing is the window's own (not interior), from `leftEdge` on:
   * `edges` holds them, for the windows that can complete a pattern, at `e * edgePositions.length + slot`.
   */
  readonly edgePositions: Int32Array;
  /** For each window position: its slot in `edgePositions`, or -1. */
  readonly edgeSlot: Int32Array;
  /**
   * Positions 0 .. leftEdge-1, the window's left edge, are not in `edges`: a window needs their extrema
   * only for some rules, so the evaluator smooths them itself when it does (window.ts). 0 when the kernel
   * leaves no linked interior positions (the evaluator then tests every position, from `edges`).
   */
  readonly leftEdge: number;
  readonly edges: Float64Array;
  /** The edge positions as runs of consecutive positions: [first, last] each. */
  private readonly edgeRuns: [first: number, last: number][] = [];
  private readonly scratch = new Float64Array(WINDOW);
  /** The windows of the last settle that can complete a pattern (their last bars, in order), and how many. */
  readonly completing: Int32Array;
  completingCount = 0;

  constructor(
    readonly kernel: SmoothingKernel,
    capacity: number,
  ) {
    this.smooth = new Float64Array(capacity);
    this.kind = new Int8Array(capacity);
    this.priceBar = new Int32Array(capacity);
    this.previous = new Int32Array(capacity);
    this.beforeCompletion = new Float64Array(capacity);
    this.atCompletion = new Float64Array(capacity);
    this.afterCompletion = new Float64Array(capacity);
    const edgePositions: number[] = [];
    this.edgeSlot = new Int32Array(WINDOW).fill(-1);
    const linked = kernel.firstInterior + 1 <= Math.min(kernel.lastInterior - 1, COMPLETION_POSITION);
    this.leftEdge = linked ? kernel.firstInterior : 0;
    for (let t = this.leftEdge; t < COMPLETION_POSITION - 1; t++) {
      if (t >= kernel.firstInterior && t <= kernel.lastInterior) continue;
      this.edgeSlot[t] = edgePositions.length;
      edgePositions.push(t);
      const run = this.edgeRuns.at(-1);
      if (run !== undefined && run[1] === t - 1) run[1] = t;
      else this.edgeRuns.push([t, t]);
    }
    this.edgePositions = Int32Array.from(edgePositions);
    this.edges = new Float64Array(capacity * edgePositions.length);
    this.completing = new Int32Array(capacity);
    this.closes = new Float64Array(capacity);
    this.restart(this.closes, 0);
  }

  /** Starts over on `closes` (at most `capacity` bars, bar 0 being bar `base` of the whole series). */
  restart(closes: Float64Array, base: number): void {
    this.closes = closes;
    this.base = base;
    // No links yet: bar R + 1, the first that can be an extremum, links back to bar R's -1.
    const radius = this.kernel.radius;
    if (radius < this.previous.length) this.previous[radius] = -1;
  }

  /**
   * Brings the facts up to date once `closes[0 .. to-1]` are known, `from` being the previous `to` (0 at first).
   * Smooths the bars whose kernel has just become complete, classifies the bars whose neighbours have, and
   * smooths around the completion position of the windows that end at the new bars; for those that can
   * complete a pattern it lists them and smooths their edge positions.
   */
  settle(from: number, to: number): void {
    const { kernel, closes } = this;
    const radius = kernel.radius;
    const smoothFrom = Math.max(radius, from - radius);
    const smoothTo = to - radius;
    if (smoothFrom < smoothTo) {
      convolve(kernel.interior, closes, this.smooth, smoothFrom, smoothTo, -radius);
      for (let b = Math.max(radius + 1, smoothFrom - 1); b < smoothTo - 1; b++) this.classify(b);
    }
    const windowFrom = Math.max(WINDOW - 1, from);
    if (to - windowFrom >= FEW_WINDOWS || radius < 3) this.settleManyWindows(windowFrom, to);
    else this.settleFewWindows(windowFrom, to);
  }

  /** Many windows: each smoothed value for many windows at once, in interleaved loops. */
  private settleManyWindows(from: number, to: number): void {
    const { kernel, closes } = this;
    const c = COMPLETION_POSITION;
    const start = 1 - WINDOW;
    convolve(kernelRow(kernel, c - 1), closes, this.beforeCompletion, from, to, start + kernel.from[c - 1]!);
    convolve(kernelRow(kernel, c), closes, this.atCompletion, from, to, start + kernel.from[c]!);
    convolve(kernelRow(kernel, c + 1), closes, this.afterCompletion, from, to, start + kernel.from[c + 1]!);
    let count = 0;
    for (let e = from; e < to; e++) if (this.canComplete(e)) this.completing[count++] = e;
    this.completingCount = count;
    const slots = this.edgePositions.length;
    for (let slot = 0; slot < slots; slot++) {
      smoothScattered(
        kernel,
        closes,
        this.completing,
        count,
        this.edgePositions[slot]!,
        this.edges,
        slots,
        slot,
      );
    }
  }

  /**
   * A few windows (streaming: one): across windows there is nothing to interleave, so each window's sums
   * advance side by side instead. Same sums in the same order, so the same bits as settleManyWindows.
   */
  private settleFewWindows(from: number, to: number): void {
    const { kernel, closes } = this;
    const c = COMPLETION_POSITION;
    const m = this.scratch;
    const slots = this.edgePositions.length;
    this.completingCount = 0;
    for (let e = from; e < to; e++) {
      const s = e - WINDOW + 1;
      smoothFour(kernel, closes, s, m, c - 2);
      this.beforeCompletion[e] = m[c - 1]!;
      this.atCompletion[e] = m[c]!;
      this.afterCompletion[e] = m[c + 1]!;
      if (!this.canComplete(e)) continue;
      this.completing[this.completingCount++] = e;
      for (const [first, last] of this.edgeRuns) smoothPositions(kernel, closes, s, m, first, last);
      for (let slot = 0; slot < slots; slot++) this.edges[e * slots + slot] = m[this.edgePositions[slot]!]!;
    }
  }

  /**
   * Whether the window ending at bar e has an extremum at the completion position (settled values): the
   * test of extremumKind (the same expressions, ties included), written out because it runs for every
   * window and the call measured slower here.
   */
  canComplete(e: number): boolean {
    const before = this.beforeCompletion[e]!;
    const at = this.atCompletion[e]!;
    const after = this.afterCompletion[e]!;
    if (before < at) return at - before > TIE * at && after - at <= TIE * at;
    if (before > at) return before - at > TIE * at && at - after <= TIE * at;
    return false;
  }

  /** Sets kind, priceBar and previous for bar b, whose smoothed neighbours are known. */
  private classify(b: number): void {
    const { smooth } = this;
    const kind = extremumKind(smooth[b - 1]!, smooth[b]!, smooth[b + 1]!);
    this.kind[b] = kind;
    if (kind === NOT_EXTREMUM) {
      this.previous[b] = this.previous[b - 1]!;
      return;
    }
    this.priceBar[b] = pricingBar(this.closes, b, kind);
    this.previous[b] = b;
  }

  /** Moves bars `from .. to-1` to the start of every array (streaming keeps only the newest window). */
  compact(from: number, to: number): void {
    this.closes.copyWithin(0, from, to);
    this.smooth.copyWithin(0, from, to);
    this.kind.copyWithin(0, from, to);
    this.priceBar.copyWithin(0, from, to);
    this.previous.copyWithin(0, from, to);
    this.beforeCompletion.copyWithin(0, from, to);
    this.atCompletion.copyWithin(0, from, to);
    this.afterCompletion.copyWithin(0, from, to);
    const slots = this.edgePositions.length;
    this.edges.copyWithin(0, from * slots, to * slots);
    // Links and price bars are bar indices: shift them with the bars (links before the start go negative).
    for (let b = 0; b < to - from; b++) {
      this.priceBar[b] = this.priceBar[b]! - from;
      this.previous[b] = this.previous[b]! - from;
    }
  }
}
