// The streaming detector's book of outcomes: the detections still open (at most MAX_OPEN_AGE bars old)
// and the running evidence tally. Plain JSON in and out, so a symbol's stored window can carry it.

import {
  codeTally,
  countResolved,
  countReturn,
  emptyEvidenceTally,
  runningEvidence,
} from "../evidence/tally";
import type { EvidenceTally, RunningEvidence } from "../evidence/types";
import type { Bar, Detection } from "../types";
import { HORIZONS } from "./spec";
import {
  advanceOutcome,
  BROKE_OUT,
  isSettled,
  type OpenOutcome,
  openOutcome,
  outcomeRecord,
  RESOLVED,
  RETURN_KNOWN,
  succeeded,
} from "./track";
import type { DetectionWithOutcome, OutcomeEvent, ResolvedStatus } from "./types";

/** A detection from the stream: its outcome so far and the evidence for its code as of its bar. */
export interface TrackedDetection extends DetectionWithOutcome {
  evidence: RunningEvidence;
}

/** The outcome part of the streaming detector's state. */
export interface OutcomeBookState {
  open: OpenOutcome[];
  evidence: EvidenceTally;
}

export class OutcomeBook {
  private readonly open: OpenOutcome[];
  private readonly tally: EvidenceTally;

  constructor(state?: OutcomeBookState) {
    // A deep copy: the book changes its records in place, the caller's state must not move with it.
    this.open = state ? structuredClone(state.open) : [];
    this.tally = state ? structuredClone(state.evidence) : emptyEvidenceTally();
  }

  state(): OutcomeBookState {
    return { open: structuredClone(this.open), evidence: structuredClone(this.tally) };
  }

  /**
   * Takes bar `k` of `closes` and `bars`: counts the baseline returns it completes and steps every open
   * outcome, appending the events it causes in the order of the detections.
   */
  advance(closes: ArrayLike<number>, bars: readonly Bar[], k: number, events: OutcomeEvent[]): void {
    for (let i = 0; i < HORIZONS.length; i++) {
      const h = HORIZONS[i];
      if (k - h >= 0) countReturn(this.tally.baseline[i], closes[k] / closes[k - h] - 1);
    }
    // Steps each open outcome and keeps, in place and in order, those that can still change.
    let kept = 0;
    for (let i = 0; i < this.open.length; i++) {
      const open = this.open[i];
      const changed = advanceOutcome(open, closes, bars, k, k);
      if (changed !== 0) this.record(open, changed, bars[k].time, events);
      if (!isSettled(open)) this.open[kept++] = open;
    }
    this.open.length = kept;
  }

  /** Opens the outcome of a detection made at bar `e` with start bar `a`, and counts it. */
  add(detection: Detection, closes: ArrayLike<number>, a: number, e: number): TrackedDetection {
    const open = openOutcome(detection.pattern, detection.detectedAt, closes, a, e);
    this.open.push(open);
    const tally = codeTally(this.tally, detection.pattern);
    tally.detections++;
    const { pattern, start, end, detectedAt, extrema, confidence } = detection;
    const outcome = outcomeRecord(open);
    const evidence = runningEvidence(pattern, tally, this.tally.baseline);
    return { pattern, start, end, detectedAt, extrema, confidence, outcome, evidence };
  }

  private record(open: OpenOutcome, changed: number, time: string, events: OutcomeEvent[]): void {
    const { pattern, detectedAt } = open;
    const tally = codeTally(this.tally, pattern);
    // One record for every event of this bar: the outcome after all of them.
    const outcome = outcomeRecord(open);
    if (changed & RETURN_KNOWN) {
      const i = open.returns.length - 1;
      const value = open.returns[i];
      countReturn(tally.horizons[i], value);
      events.push({ pattern, detectedAt, time, outcome, type: "return", horizon: HORIZONS[i], value });
    }
    if (changed & BROKE_OUT && open.breakout) {
      const { direction } = open.breakout;
      const target = open.target as number;
      events.push({ pattern, detectedAt, time, outcome, type: "breakout", direction, target });
    }
    if (changed & RESOLVED) {
      const status = open.status as ResolvedStatus;
      const success = succeeded(pattern, open);
      countResolved(tally, status, success);
      events.push({ pattern, detectedAt, time, outcome, type: "resolved", status, succeeded: success });
    }
  }
}
