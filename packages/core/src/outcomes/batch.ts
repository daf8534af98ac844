// A detection's outcome over a whole series whose every bar after the detection is known at once, by the
// rules of PATTERNS.md "Outcomes" (rules.ts) that the stream steps bar by bar (track.ts); the tests hold the
// two (and bench/reference-outcomes.ts) equal on planted and random series.
//
// Indexed reads carry `!`: closes and bars are read from the start bar a through the series' last bar.
// biome-ignore-all lint/style/noNonNullAssertion: indices stay within 0 .. closes.length - 1.

import type { IndexedBars } from "../engine/bar-reader";
import { keepShape } from "../engine/kept-shapes";
import type { Bar, PatternCode } from "../types";
import { breakoutBar, decidingBar, reachesTarget, targetOf } from "./rules";
import { BREAKOUT_BARS, forwardReturn, HORIZONS, MAX_HORIZON, RESOLUTION_BARS } from "./spec";
import type { Breakout, FollowedOutcome, OutcomeStatus } from "./types";

/** What an outcome reads of its series' bars besides the closes: their times, by index. */
export type BarTimes = Pick<IndexedBars, "time">;

/** A Bar array's times read as BarTimes. */
class TimesOfBars implements BarTimes {
  constructor(private readonly bars: readonly Bar[]) {}
  time(i: number): string {
    return this.bars[i]!.time;
  }
}

/**
 * The outcome, as of the series' last bar, of a `pattern` whose range starts at bar `a` and that was
 * detected at bar `e`. `bars` is a Bar array or the times of a series held as columns (BarTimes).
 *
 * @example
 * followOutcome("HS", bars, closes, 6, 37).status // "open", "target", ...
 */
export function followOutcome(
  pattern: PatternCode,
  bars: readonly Bar[] | BarTimes,
  closes: ArrayLike<number>,
  a: number,
  e: number,
): FollowedOutcome {
  return new SharedOutcomes(bars, closes).of(pattern, a, e);
}

/** Slots for the breakout records of recent bars: a breakout comes at most BREAKOUT_BARS after e. */
const BREAKOUT_SLOTS = 64;

/**
 * The outcomes of one series' detections as a scan finds them (in order of their bar `e`), as of its
 * last bar. The records are shared, read-only, like the extremum records: detections of one window with
 * the same start bar get one outcome, those of one bar `e` one `returns` list (a forward return
 * depends on `e` alone), and outcomes that break out on the same bar the same way one `breakout`. On the
 * bench series that keeps 139,000 outcomes, 131,000 returns and 77,000 breakouts for 173,000 detections.
 *
 * Each outcome is decided in local variables over the closes (no working record), then kept by one
 * literal per record: V8 learns per literal whether its objects live on, and allocates those of a literal
 * whose objects nearly all do straight in the old generation, so they are never copied out of the young
 * one (--trace-gc-nvp, 8 scans of 300,000 bars: scavenge pauses 710 ms -> 450 ms when this began).
 */
export class SharedOutcomes {
  private a = -1;
  private e = -1;
  private outcome: FollowedOutcome | undefined;
  private returnsE = -1;
  /** The last range decided: its bars and its highest and lowest closes' bars (the first of equals). */
  private rangeStart = -1;
  private rangeEnd = -1;
  private high = -1;
  private low = -1;
  private returns: readonly number[] = [];
  /**
   * The range of the outcome being decided, handed to `decided` here, not as arguments: too large to
   * inline, it would get them as boxed numbers (two young objects per outcome, a scavenge per 1M bars).
   */
  private ceiling = 0.5;
  private floor = 0.5;
  private readonly breakoutBar: number[] = new Array(BREAKOUT_SLOTS).fill(-1);
  private readonly breakouts: (Breakout | undefined)[] = new Array(BREAKOUT_SLOTS).fill(undefined);
  /** The bars' times: the only thing of a bar an outcome keeps besides its close. */
  private readonly bars: BarTimes;

  /** `bars`: a Bar array, or the times of a series held as columns (scanColumnOutcomes). */
  constructor(
    bars: readonly Bar[] | BarTimes,
    private readonly closes: ArrayLike<number>,
  ) {
    this.bars = Array.isArray(bars) ? new TimesOfBars(bars) : (bars as BarTimes);
  }

  /** The outcome of a `pattern` with start bar `a`, detected at bar `e`. */
  of(_pattern: PatternCode, a: number, e: number): FollowedOutcome {
    if (this.outcome !== undefined && a === this.a && e === this.e) return this.outcome;
    const closes = this.closes;
    // The range: when the one before started no later and its highest and lowest closes lie in this one,
    // only the closes after its end are new (on the bench series, 54,000 of 139,000 ranges).
    let high = a;
    let low = a;
    let i = a + 1;
    if (a >= this.rangeStart && this.high >= a && this.low >= a && this.rangeEnd <= e) {
      high = this.high;
      low = this.low;
      i = this.rangeEnd + 1;
    }
    let ceiling = closes[high]!;
    let floor = closes[low]!;
    for (; i <= e; i++) {
      const close = closes[i]!;
      if (close > ceiling) {
        ceiling = close;
        high = i;
      }
      if (close < floor) {
        floor = close;
        low = i;
      }
    }
    this.rangeStart = a;
    this.rangeEnd = e;
    this.high = high;
    this.low = low;
    this.ceiling = ceiling;
    this.floor = floor;
    return this.decided(a, e);
  }

  /**
   * The outcome of a detection with start bar `a` found at bar `e` (any code: the rules do not read it),
   * whose range was taken already (rangesOf, for a run of asks): `ceilings[at]`, `floors[at]`.
   */
  ofRange(a: number, e: number, ceilings: Float64Array, floors: Float64Array, at: number): FollowedOutcome {
    if (this.outcome !== undefined && a === this.a && e === this.e) return this.outcome;
    // The range before is no longer known by its bars: `of` starts afresh.
    this.high = -1;
    this.ceiling = ceilings[at]!;
    this.floor = floors[at]!;
    return this.decided(a, e);
  }

  /** The rest of the rules, after the range: breakout, target, status, returns; kept as the last outcome. */
  private decided(a: number, e: number): FollowedOutcome {
    const { bars, closes, ceiling, floor } = this;
    const last = closes.length - 1;
    let status: OutcomeStatus = "open";
    let breakout: Breakout | null = null;
    let target: number | null = null;
    let resolvedAt: string | null = null;
    // Bars e + 1 .. e + 35 may break out.
    const lastChance = e + BREAKOUT_BARS;
    const stop = Math.min(lastChance, last);
    let k = breakoutBar(closes, ceiling, floor, e + 1, stop);
    if (k <= stop) {
      const up = closes[k]! > ceiling;
      const goal = targetOf(up, ceiling, floor);
      target = goal;
      breakout = this.breakoutOf(k, up);
      // The breakout bar b through b + 35 may decide; after that it has stalled.
      const deadline = k + RESOLUTION_BARS;
      const end = Math.min(deadline, last);
      k = decidingBar(closes, up, goal, ceiling, floor, k, end);
      if (k <= end) status = reachesTarget(up, closes[k]!, goal) ? "target" : "failed";
      if (k <= end) resolvedAt = bars.time(k);
      else if (end === deadline) {
        status = "stalled";
        resolvedAt = bars.time(end);
      }
    } else if (stop === lastChance) {
      status = "expired";
      resolvedAt = bars.time(stop);
    }
    if (e !== this.returnsE) {
      this.returns = keptReturns(closes, e, last);
      this.returnsE = e;
    }
    this.outcome = { ceiling, floor, status, breakout, target, resolvedAt, returns: this.returns };
    this.a = a;
    this.e = e;
    return this.outcome;
  }

  /** The breakout on bar `b`, made once per bar and direction. */
  private breakoutOf(b: number, up: boolean): Breakout {
    const slot = b & (BREAKOUT_SLOTS - 1);
    const known = this.breakouts[slot];
    const direction = up ? "up" : "down";
    if (this.breakoutBar[slot] === b && known !== undefined && known.direction === direction) return known;
    const kept = { time: this.bars.time(b), direction } satisfies Breakout;
    this.breakoutBar[slot] = b;
    this.breakouts[slot] = kept;
    return kept;
  }
}

// An empty SharedOutcomes kept for good (kept-shapes.ts): without one, a full collection between two scans
// took the class's shape and with it the optimized code of breakoutOf (--trace-deopt "weak objects").
keepShape(new SharedOutcomes([], []));

/**
 * The forward returns of a detection at bar `e` known by bar `last`, in the order of HORIZONS: all four by
 * a literal (every return is known 20 bars after the detection, so all but the last bars' detections),
 * which V8 keeps as one array of doubles (PACKED_DOUBLE_ELEMENTS), the rest one by one.
 */
function keptReturns(closes: ArrayLike<number>, e: number, last: number): readonly number[] {
  const base = closes[e]!;
  if (e + MAX_HORIZON <= last) {
    return [
      forwardReturn(base, closes[e + 1]!),
      forwardReturn(base, closes[e + 5]!),
      forwardReturn(base, closes[e + 10]!),
      forwardReturn(base, closes[e + 20]!),
    ];
  }
  const known: number[] = [];
  for (const h of HORIZONS) if (e + h <= last) known.push(forwardReturn(base, closes[e + h]!));
  return known;
}

/** What naming a detection's outcome needs: its code and the times of its start and detection bars. */
export type DetectionBars = { pattern: PatternCode; start: string; detectedAt: string };

/** An outcome with the time of the bar that last moved it. */
export interface MovedOutcome {
  outcome: FollowedOutcome;
  /**
   * Time of the latest of: the detection bar, the breakout, the deciding bar, the bar of the newest
   * forward return known. The stream reports an event on each of those bars, so this is the time of the
   * last event it reported on the detection (or its detection bar): what it stores as `outcomeAsOf`.
   */
  movedAt: string;
}

/**
 * The outcome, as of the series' last bar, of each detection found on `bars` (by the workflow, say),
 * with the bar that last moved it, in the order given: what scanOutcomes gives the same detections
 * (outcomeRecord gives the PATTERNS.md record to store). O(bars + 70 per detection). Throws RangeError
 * when a detection's start or detectedAt is not a bar time of the series.
 *
 * @example
 * const [{ outcome, movedAt }] = movedOutcomesOf(bars, analysis.detections); // outcome.status: "open", …
 */
export function movedOutcomesOf(bars: readonly Bar[], detections: readonly DetectionBars[]): MovedOutcome[] {
  if (detections.length === 0) return [];
  const index = new Map<string, number>();
  const closes = new Float64Array(bars.length);
  for (const [i, bar] of bars.entries()) {
    index.set(bar.time, i);
    closes[i] = bar.close;
  }
  const at = (time: string) => {
    const i = index.get(time);
    if (i === undefined) throw new RangeError(`${time} is not a bar of the series`);
    return i;
  };
  return detections.map((d) => {
    const e = at(d.detectedAt);
    const outcome = followOutcome(d.pattern, bars, closes, at(d.start), e);
    const known = outcome.returns.length;
    let last = known === 0 ? e : e + HORIZONS[known - 1]!;
    if (outcome.breakout) last = Math.max(last, at(outcome.breakout.time));
    if (outcome.resolvedAt !== null) last = Math.max(last, at(outcome.resolvedAt));
    return { outcome, movedAt: bars[last]!.time };
  });
}

/**
 * The outcome, as of the series' last bar, of each detection found on `bars` (by the workflow, say),
 * in the order given: what scanOutcomes gives the same detections (outcomeRecord gives the PATTERNS.md
 * record to answer). O(bars + 70 per detection).
 * Throws RangeError when a detection's start or detectedAt is not a bar time of the series.
 *
 * @example
 * const outcomes = outcomesOf(bars, analysis.detections); // outcomes[i].status: "open", "target", …
 */
export function outcomesOf(bars: readonly Bar[], detections: readonly DetectionBars[]): FollowedOutcome[] {
  return movedOutcomesOf(bars, detections).map((moved) => moved.outcome);
}
