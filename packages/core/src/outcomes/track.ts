// Follows one detection's outcome bar by bar, for the streaming detector, by the rules (rules.ts) the batch
// scan applies in one pass over the whole series (batch.ts); the tests hold the two, and the independent
// reading of the spec in bench/reference-outcomes.ts, equal on planted and random series.
//
// Indexed reads carry `!`: bars and closes are read from the detection's start bar a up to the bar being
// stepped (callers hand over the series those came from), horizons below HORIZONS.length, a band at its
// own 4 slots; these run for every open outcome on every bar.
// biome-ignore-all lint/style/noNonNullAssertion: indices stay in the ranges the header states.

import type { Bar, PatternCode } from "../types";
import { breakoutBar, decidingBar, reachesTarget, targetOf } from "./rules";
import { BREAKOUT_BARS, confirms, forwardReturn, HORIZONS, MAX_HORIZON, RESOLUTION_BARS } from "./spec";
import type { FollowedOutcome, Outcome, OutcomeStatus } from "./types";

/**
 * A detection whose outcome may still change: plain JSON, kept in the streaming detector's state
 * (outcomeRecord gives its PATTERNS.md record).
 */
export interface OpenOutcome extends FollowedOutcome {
  pattern: PatternCode;
  detectedAt: string;
  /** Bars seen after the detection bar `e` (0 at detection). */
  age: number;
  /** Close of bar `e`: the base of the forward returns. */
  base: number;
  /** `age` of the breakout bar, or null before one. */
  breakoutAge: number | null;
  /** The forward returns known so far, in the order of HORIZONS. */
  returns: number[];
}

/** What one bar changed, as bits: a forward return became known, the range broke, the status was decided. */
export const RETURN_KNOWN = 1;
export const BROKE_OUT = 2;
export const RESOLVED = 4;

/** The phases of an outcome and every move between them: each change goes through `move`. */
type Phase = "awaiting" | "brokenOut" | Exclude<OutcomeStatus, "open">;
const MOVES: Readonly<Record<Phase, readonly Phase[]>> = {
  awaiting: ["brokenOut", "expired"],
  brokenOut: ["target", "failed", "stalled"],
  expired: [],
  target: [],
  failed: [],
  stalled: [],
};

function phaseOf(outcome: OpenOutcome): Phase {
  if (outcome.status !== "open") return outcome.status;
  return outcome.breakout === null ? "awaiting" : "brokenOut";
}

function move(outcome: OpenOutcome, to: Exclude<Phase, "awaiting" | "brokenOut">, time: string): void {
  const from = phaseOf(outcome);
  if (!MOVES[from].includes(to)) throw new Error(`an outcome cannot move from ${from} to ${to}`);
  outcome.status = to;
  outcome.resolvedAt = time;
}

/**
 * The record of a detection at its own bar `e`, the range taken over `closes[a .. e]`.
 *
 * @example
 * const open = openOutcome("HS", "2020-02-07", closes, 6, 37);
 */
export function openOutcome(
  pattern: PatternCode,
  detectedAt: string,
  closes: ArrayLike<number>,
  a: number,
  e: number,
): OpenOutcome {
  let ceiling = closes[a]!;
  let floor = closes[a]!;
  for (let i = a + 1; i <= e; i++) {
    const close = closes[i]!;
    if (close > ceiling) ceiling = close;
    if (close < floor) floor = close;
  }
  return {
    pattern,
    detectedAt,
    age: 0,
    base: closes[e]!,
    breakoutAge: null,
    ceiling,
    floor,
    status: "open",
    breakout: null,
    target: null,
    resolvedAt: null,
    returns: [],
  };
}

/**
 * Advances `open` over bars `from .. to` (indices into `closes` and `bars`; `from` is the bar right after
 * the last one it saw) and returns what changed (RETURN_KNOWN, BROKE_OUT, RESOLVED bits). The stream
 * passes one bar at a time; the tests also pass every bar after a detection at once, which the loops
 * below scan without touching the record.
 */
export function advanceOutcome(
  open: OpenOutcome,
  closes: ArrayLike<number>,
  bars: readonly Bar[],
  from: number,
  to: number,
): number {
  /** The age of bar `from`; bar k has age `first + k - from`. */
  const first = open.age + 1;
  const last = first + to - from;
  let changed = 0;
  const { returns } = open;
  for (let i = returns.length; i < HORIZONS.length && HORIZONS[i]! <= last; i++) {
    returns.push(forwardReturn(open.base, closes[from + HORIZONS[i]! - first]!));
    changed |= RETURN_KNOWN;
  }
  open.age = last;
  if (open.status !== "open") return changed;
  const { ceiling, floor } = open;
  let k = from;
  if (open.breakout === null) {
    // Bars up to age BREAKOUT_BARS may break out: e + 35 is still in time.
    const stop = Math.min(to, from + BREAKOUT_BARS - first);
    k = breakoutBar(closes, ceiling, floor, k, stop);
    if (k > stop) {
      if (first + stop - from !== BREAKOUT_BARS) return changed;
      move(open, "expired", bars[stop]!.time);
      return changed | RESOLVED;
    }
    const up = closes[k]! > ceiling;
    open.breakout = { time: bars[k]!.time, direction: up ? "up" : "down" };
    open.target = targetOf(up, ceiling, floor);
    open.breakoutAge = first + k - from;
    changed |= BROKE_OUT;
  }
  // The breakout bar b through b + 35 may decide.
  const up = open.breakout.direction === "up";
  const target = open.target as number;
  const stop = Math.min(to, from + (open.breakoutAge as number) + RESOLUTION_BARS - first);
  k = decidingBar(closes, up, target, ceiling, floor, k, stop);
  if (k <= stop) {
    move(open, reachesTarget(up, closes[k]!, target) ? "target" : "failed", bars[k]!.time);
    return changed | RESOLVED;
  }
  if (first + stop - from !== (open.breakoutAge as number) + RESOLUTION_BARS) return changed;
  move(open, "stalled", bars[stop]!.time);
  return changed | RESOLVED;
}

/** Room for one outcome's quiet band in a flat array: low, high, edge, wake age. */
export const BAND = 4;

/**
 * Writes into `band[at .. at + 3]` the closes that cannot change `open` on its next bars, as advanceOutcome
 * reads the rules: until the age `wake` (the next forward return, the last bar that may break out, or the
 * last that may decide), a close with `low <= close <= high` and `close !== edge` only ages it. Awaiting a
 * breakout that is the range itself (a close at the ceiling or floor does not break it); after one, the
 * band runs from the far side of the range to the target, the target itself excluded (a close there is a
 * hit); once decided, every close is quiet. The stream skips advanceOutcome on such bars.
 */
export function quietBand(open: OpenOutcome, band: number[], at: number): void {
  const known = open.returns.length;
  let wake = known < HORIZONS.length ? HORIZONS[known]! : Number.POSITIVE_INFINITY;
  let low = Number.NEGATIVE_INFINITY;
  let high = Number.POSITIVE_INFINITY;
  let edge = Number.NaN;
  if (open.status === "open") {
    low = open.floor;
    high = open.ceiling;
    if (open.breakout === null) wake = Math.min(wake, BREAKOUT_BARS);
    else {
      edge = open.target as number;
      if (open.breakout.direction === "up") high = edge;
      else low = edge;
      wake = Math.min(wake, (open.breakoutAge as number) + RESOLUTION_BARS);
    }
  }
  band[at] = low;
  band[at + 1] = high;
  band[at + 2] = edge;
  band[at + 3] = wake;
}

/** True once nothing about the outcome can change: decided, and every forward return known. */
export function isSettled(open: OpenOutcome): boolean {
  return open.status !== "open" && open.age >= MAX_HORIZON;
}

/** Whether a decided outcome counts as a success: the target, reached after a confirming breakout. */
export function succeeded(pattern: PatternCode, outcome: Pick<Outcome, "status" | "breakout">): boolean {
  return (
    outcome.status === "target" && outcome.breakout !== null && confirms(pattern, outcome.breakout.direction)
  );
}
