// A detection's outcome over a whole series: the stream's rules (track.ts), given every bar after the
// detection at once.

import type { Bar, PatternCode } from "../types";
import { byHorizon } from "./by-horizon";
import { HORIZONS, MAX_OPEN_AGE } from "./spec";
import { advanceOutcome, type OpenOutcome, openOutcome, outcomeRecord } from "./track";
import type { Breakout, ForwardReturns, Outcome } from "./types";

/** The batch follows one detection at a time: one working record, no garbage per detection. */
const scratch = openOutcome("HS", "", new Float64Array(1), 0, 0);

/** Follows `scratch` from its detection bar `e` to the series' last bar (at most MAX_OPEN_AGE bars). */
function follow(
  pattern: PatternCode,
  bars: readonly Bar[],
  closes: ArrayLike<number>,
  a: number,
  e: number,
): OpenOutcome {
  // biome-ignore lint/style/noNonNullAssertion: e is the detection bar, inside bars.
  const open = openOutcome(pattern, bars[e]!.time, closes, a, e, scratch);
  // After MAX_OPEN_AGE bars every outcome is decided and every return known.
  const to = Math.min(closes.length - 1, e + MAX_OPEN_AGE);
  if (to > e) advanceOutcome(open, closes, bars, e + 1, to);
  return open;
}

/**
 * The outcome, as of the series' last bar, of a `pattern` whose range starts at bar `a` and that was
 * detected at bar `e`.
 *
 * @example
 * followOutcome("HS", bars, closes, 6, 37).status // "open", "target", ...
 */
export function followOutcome(
  pattern: PatternCode,
  bars: readonly Bar[],
  closes: ArrayLike<number>,
  a: number,
  e: number,
): Outcome {
  return outcomeRecord(follow(pattern, bars, closes, a, e));
}

/** Slots for the breakout records of recent bars: a breakout comes at most BREAKOUT_BARS after e. */
const BREAKOUT_SLOTS = 64;

/**
 * The outcomes of one series' detections as a scan finds them (in order of their bar `e`), as of its
 * last bar. The records are shared, read-only, like the extremum records: detections of one window with
 * the same start bar get one outcome, those of one bar `e` one `returns` object (a forward return
 * depends on `e` alone), and outcomes that break out on the same bar the same way one `breakout`. On the
 * bench series that keeps 139,000 outcomes, 131,000 returns and 77,000 breakouts for 173,000 detections.
 *
 * The kept records are made by literals of their own here, not by the stream's helpers (outcomeRecord,
 * byHorizon): V8 learns per literal whether its objects live on, and allocates those of a literal whose
 * objects nearly all do straight in the old generation. Every record a scan returns lives on, the
 * stream's copies do not; so these are never copied out of the young generation, which was most of what
 * keeping outcomes cost (--trace-gc-nvp, 8 scans of 300,000 bars: scavenge pauses 710 ms -> 450 ms).
 */
export class SharedOutcomes {
  private a = -1;
  private e = -1;
  private outcome: Outcome | undefined;
  private returnsE = -1;
  private returns: ForwardReturns = {};
  private readonly breakoutBar: number[] = new Array(BREAKOUT_SLOTS).fill(-1);
  private readonly breakouts: (Breakout | undefined)[] = new Array(BREAKOUT_SLOTS).fill(undefined);

  constructor(
    private readonly bars: readonly Bar[],
    private readonly closes: ArrayLike<number>,
  ) {}

  /** The outcome of a `pattern` with start bar `a`, detected at bar `e` (not before the last one asked). */
  readonly of = (pattern: PatternCode, a: number, e: number): Outcome => {
    if (this.outcome !== undefined && a === this.a && e === this.e) return this.outcome;
    const open = follow(pattern, this.bars, this.closes, a, e);
    if (e !== this.returnsE) {
      this.returns = keptReturns(open.returns);
      this.returnsE = e;
    }
    this.outcome = {
      ceiling: open.ceiling,
      floor: open.floor,
      status: open.status,
      breakout: this.breakoutOf(open, e),
      target: open.target,
      resolvedAt: open.resolvedAt,
      returns: this.returns,
    };
    this.a = a;
    this.e = e;
    return this.outcome;
  };

  /** `open`'s breakout, or an equal one kept earlier for the same bar and direction. */
  private breakoutOf(open: OpenOutcome, e: number): Breakout | null {
    const made = open.breakout;
    if (made === null) return null;
    const bar = e + (open.breakoutAge as number);
    const slot = bar & (BREAKOUT_SLOTS - 1);
    const known = this.breakouts[slot];
    if (this.breakoutBar[slot] === bar && known !== undefined && known.direction === made.direction)
      return known;
    // A copy by a literal of its own: `made` comes from the working record's literal, most of whose
    // breakouts are dropped (shared or replaced), so V8 keeps those young.
    const kept = { time: made.time, direction: made.direction };
    this.breakoutBar[slot] = bar;
    this.breakouts[slot] = kept;
    return kept;
  }
}

/**
 * The returns record of a scan: all four horizons by a literal (every return is known 20 bars after the
 * detection, so all but the last bars' detections), the rest by byHorizon. Key 5 comes first in the
 * literal on purpose: V8 sizes an object's element store from the first integer key it stores (index + 1,
 * half again, plus 16), so from 5 it holds 25 slots, room for key 20 (337 bytes with the four numbers);
 * from 1 it holds 19 and grows to 47 (513 bytes). The order of the object's keys does not change: integer
 * keys always list in ascending order, in JSON too.
 */
function keptReturns(values: readonly number[]): ForwardReturns {
  if (values.length < HORIZONS.length) return byHorizon(values);
  const [r1, r5, r10, r20] = values;
  return { 5: r5, 1: r1, 10: r10, 20: r20 };
}

/** What naming a detection's outcome needs: its code and the times of its start and detection bars. */
export type DetectionBars = { pattern: PatternCode; start: string; detectedAt: string };

/** An outcome with the time of the bar that last moved it. */
export interface MovedOutcome {
  outcome: Outcome;
  /**
   * Time of the latest of: the detection bar, the breakout, the deciding bar, the bar of the newest
   * forward return known. The stream reports an event on each of those bars, so this is the time of the
   * last event it reported on the detection (or its detection bar): what it stores as `outcomeAsOf`.
   */
  movedAt: string;
}

/**
 * The outcome, as of the series' last bar, of each detection found on `bars` (by the workflow, say),
 * with the bar that last moved it, in the order given: what scanOutcomes gives the same detections.
 * O(bars + 70 per detection). Throws RangeError when a detection's start or detectedAt is not a bar
 * time of the series.
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
    const known = Object.keys(outcome.returns).map(Number);
    let last = e + Math.max(0, ...known);
    if (outcome.breakout) last = Math.max(last, at(outcome.breakout.time));
    if (outcome.resolvedAt !== null) last = Math.max(last, at(outcome.resolvedAt));
    // biome-ignore lint/style/noNonNullAssertion: last is e or a bar the outcome names, inside bars.
    return { outcome, movedAt: bars[last]!.time };
  });
}

/**
 * The outcome, as of the series' last bar, of each detection found on `bars` (by the workflow, say),
 * in the order given: what scanOutcomes gives the same detections. O(bars + 70 per detection).
 * Throws RangeError when a detection's start or detectedAt is not a bar time of the series.
 *
 * @example
 * const outcomes = outcomesOf(bars, analysis.detections); // outcomes[i].status: "open", "target", …
 */
export function outcomesOf(bars: readonly Bar[], detections: readonly DetectionBars[]): Outcome[] {
  return movedOutcomesOf(bars, detections).map((moved) => moved.outcome);
}
