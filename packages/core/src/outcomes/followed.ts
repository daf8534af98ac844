// The outcomes of a batch scan's detections, in the order the scan builds them: a record batch asks for
// those of the windows it is about to build, they are decided in one run (the ranges of all of them in one
// call: ranges.ts), and its records take them back in the same order.
// biome-ignore-all lint/style/noNonNullAssertion: ask indices stay below the counts written.

import type { OutcomeOf } from "../engine/detections";
import { keepShape } from "../engine/kept-shapes";
import type { Bar, PatternCode } from "../types";
import { type BarTimes, SharedOutcomes } from "./batch";
import { rangesOf } from "./ranges";
import type { FollowedOutcome } from "./types";

/**
 * A scan's outcomes in the order its detections are built. A batch scan asks for those of a batch of
 * windows ahead (`ask`, in build order) and has them decided in one run (`decideAsked`) before it builds
 * the batch's records, which take them back in the same order (`outcomeOf`): each record is made with its
 * outcome, and the rules run apart from the records' code (decided between windows, in the scan, they cost
 * a quarter more). A scan that asked none ahead (scanColumnOutcomes: its writer keeps nothing, so holding
 * records for a run cost more than it saved) gets each outcome decided when its record asks.
 */
export class FollowedOutcomes {
  /** The one OutcomeOf of every scan (outcomeOfFollowed): hand it to appendDetections. */
  readonly outcomeOf: OutcomeOf = outcomeOfFollowed;
  private readonly outcomes: SharedOutcomes;
  /** The distinct asks (detections of one window with the same start bar share one), in order. */
  private starts: Int32Array = new Int32Array(64);
  private ends: Int32Array = new Int32Array(64);
  private ceilings: Float64Array = new Float64Array(64);
  private floors: Float64Array = new Float64Array(64);
  private readonly decided: FollowedOutcome[] = [];
  private distinct = 0;
  /** Each asked detection's distinct ask, in order. */
  private askOf: Int32Array = new Int32Array(64);
  private asked = 0;
  private taken = 0;

  constructor(
    bars: readonly Bar[] | BarTimes,
    private readonly closes: ArrayLike<number>,
  ) {
    this.outcomes = new SharedOutcomes(bars, closes);
  }

  /** Asks for the outcome of the next detection to be built: a `pattern` with start bar `a`, found at bar `e`. */
  ask(_pattern: PatternCode, a: number, e: number): void {
    let d = this.distinct - 1;
    if (d < 0 || this.starts[d] !== a || this.ends[d] !== e) {
      d = this.distinct++;
      if (d === this.starts.length) this.grow();
      this.starts[d] = a;
      this.ends[d] = e;
    }
    if (this.asked === this.askOf.length) this.askOf = grown(this.askOf);
    this.askOf[this.asked++] = d;
  }

  /** Decides the outcomes asked for: their ranges in one run, then the rest of the rules one by one. */
  decideAsked(): void {
    const { outcomes, starts, ends, ceilings, floors, decided } = this;
    const count = this.distinct;
    rangesOf(this.closes, starts, ends, count, ceilings, floors);
    for (let d = 0; d < count; d++) decided[d] = outcomes.ofRange(starts[d]!, ends[d]!, ceilings, floors, d);
  }

  /** The outcome of the detection being built: the next one asked for, or decided now when none is. */
  take(pattern: PatternCode, a: number, e: number): FollowedOutcome {
    const k = this.taken;
    if (k === this.asked) return this.outcomes.of(pattern, a, e);
    const d = this.askOf[k]!;
    if (this.starts[d] !== a || this.ends[d] !== e)
      throw new Error(`outcome asked for bars ${this.starts[d]}..${this.ends[d]}, taken for ${a}..${e}`);
    if (k + 1 === this.asked) {
      this.asked = 0;
      this.taken = 0;
      this.distinct = 0;
    } else this.taken = k + 1;
    return this.decided[d]!;
  }

  private grow(): void {
    this.starts = grown(this.starts);
    this.ends = grown(this.ends);
    const ceilings = new Float64Array(2 * this.ceilings.length);
    ceilings.set(this.ceilings);
    this.ceilings = ceilings;
    const floors = new Float64Array(2 * this.floors.length);
    floors.set(this.floors);
    this.floors = floors;
  }
}

/** `values` in an array twice as long. */
function grown(values: Int32Array): Int32Array {
  const longer = new Int32Array(2 * values.length);
  longer.set(values);
  return longer;
}

/** The outcomes of the scan under way (a scan inside another, from a sink's push, stacks its own). */
let following: FollowedOutcomes | undefined;

/**
 * The one function every scan hands appendDetections: it lives as long as the process, so the optimized
 * appendDetections, which inlines it, stays valid from scan to scan. A function per scan died with its
 * scan, and the full collection after it dropped that code (--trace-deopt "weak objects", once per scan):
 * each scan ran its first windows unoptimized and compiled appendDetections again.
 */
function outcomeOfFollowed(pattern: PatternCode, a: number, e: number): FollowedOutcome {
  return (following as FollowedOutcomes).take(pattern, a, e);
}

// Kept for good (kept-shapes.ts), as SharedOutcomes: the optimized appendDetections calls into it.
keepShape(new FollowedOutcomes([], []));

/**
 * Runs `scan` with the outcomes of a series (its times, its closes): hand `outcomes.outcomeOf` to
 * appendDetections, and ask ahead (`outcomes.ask`, then `outcomes.decideAsked`) for the outcomes of
 * records about to be built, if any. Returns what `scan` returns.
 *
 * @example
 * followingOutcomes(bars, closes, (outcomes) => scanCloses(closes, {}, (e, codes, w) =>
 *   appendDetections(codes, w, bars, e, found, outcomes.outcomeOf)));
 */
export function followingOutcomes<T>(
  bars: readonly Bar[] | BarTimes,
  closes: ArrayLike<number>,
  scan: (outcomes: FollowedOutcomes) => T,
): T {
  const outer = following;
  const outcomes = new FollowedOutcomes(bars, closes);
  following = outcomes;
  try {
    return scan(outcomes);
  } finally {
    following = outer;
  }
}
