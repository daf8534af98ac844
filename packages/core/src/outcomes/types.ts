// What happened after a detection (PATTERNS.md "Outcomes"): the records batch and stream both report.

import type { Detection, PatternCode } from "../types";
import type { Direction, Horizon } from "./spec";

/** `open` until the deciding bar; then how it ended. */
export type OutcomeStatus = "open" | "expired" | "target" | "failed" | "stalled";
export type ResolvedStatus = Exclude<OutcomeStatus, "open">;
/** The resolved statuses in the order evidence counts them. */
export const RESOLVED_STATUSES = ["target", "failed", "stalled", "expired"] as const;

export interface Breakout {
  /** Time of the first close beyond the range. */
  time: string;
  direction: Direction;
}

/** Forward returns `close[e + h] / close[e] - 1`, keyed by horizon; only those known so far. */
export type ForwardReturns = { [H in `${Horizon}`]?: number };

/** The outcome record of one detection. */
export interface Outcome {
  /** Highest close of bars start .. detectedAt. */
  ceiling: number;
  /** Lowest close of bars start .. detectedAt. */
  floor: number;
  status: OutcomeStatus;
  breakout: Breakout | null;
  /** The measured move from the broken side, or null before a breakout. */
  target: number | null;
  /** Time of the deciding bar, or null while open. */
  resolvedAt: string | null;
  returns: ForwardReturns;
}

/** A detection with the outcome record of PATTERNS.md: as the stream, the API and the JSON give it. */
export interface DetectionWithOutcome extends Detection {
  outcome: Outcome;
}

/**
 * An outcome as the engine follows it in memory (scanOutcomes, outcomesOf): the record of PATTERNS.md
 * with its forward returns as a list in the order of HORIZONS, the known ones (r_h is known from bar
 * e + h on, so they are always the first few). V8 keeps four numbers in an array flat (about 80 bytes);
 * keyed by horizon they took an object, an element store of 25 slots and four boxed numbers (336 bytes):
 * on the bench's 1M bars, heap kept per detection 608 -> 415 bytes. outcomeRecord gives the PATTERNS.md
 * record.
 */
export interface FollowedOutcome extends Omit<Outcome, "returns"> {
  /** `returns[i]` is r_h for h = HORIZONS[i]. */
  returns: readonly number[];
}

/** A detection from scanOutcomes: detectionRecord gives it as PATTERNS.md writes it. */
export interface FollowedDetection extends Detection {
  /**
   * The record (and its breakout and returns) may be shared with other detections of the same scan:
   * read it, never change it.
   */
  outcome: FollowedOutcome;
}

/** Which detection an event is about: one code per window, so code and detection time name it. */
interface EventOf {
  pattern: PatternCode;
  detectedAt: string;
  /** The bar that caused the event. */
  time: string;
  /** The whole outcome after the event (a copy). */
  outcome: Outcome;
}

/** A change to an outcome, reported on the push of the bar that causes it. */
export type OutcomeEvent =
  | (EventOf & { type: "return"; horizon: Horizon; value: number })
  | (EventOf & { type: "breakout"; direction: Direction; target: number })
  | (EventOf & { type: "resolved"; status: ResolvedStatus; succeeded: boolean });
