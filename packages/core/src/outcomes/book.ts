// The streaming detector's book of outcomes: the detections still open (at most MAX_OPEN_AGE bars old)
// and the running evidence tally. Plain JSON in and out, so a symbol's stored window can carry it.
//
// Indexed reads carry `!`: open outcomes and their 4-slot bands run in step (i < open.length, band at
// i * BAND), bar k is the one being taken, horizons stay below HORIZONS.length; this runs on every bar.
// biome-ignore-all lint/style/noNonNullAssertion: indices stay in the ranges the header states.

import {
  codeTally,
  countResolved,
  countReturn,
  emptyEvidenceTally,
  runningEvidence,
} from "../evidence/tally";
import type { EvidenceTally, RunningEvidence } from "../evidence/types";
import type { Bar, Detection } from "../types";
import { outcomeRecord } from "./record";
import { forwardReturn, HORIZONS } from "./spec";
import {
  advanceOutcome,
  BAND,
  BROKE_OUT,
  isSettled,
  type OpenOutcome,
  openOutcome,
  quietBand,
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
  /** Each open outcome's quiet band (track.ts quietBand), BAND numbers apiece, in the order of `open`. */
  private readonly bands: number[] = [];
  private readonly tally: EvidenceTally;

  constructor(state?: OutcomeBookState) {
    // A deep copy: the book changes its records in place, the caller's state must not move with it.
    this.open = state ? structuredClone(state.open) : [];
    this.tally = state ? structuredClone(state.evidence) : emptyEvidenceTally();
    for (let i = 0; i < this.open.length; i++) quietBand(this.open[i]!, this.bands, i * BAND);
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
      const h = HORIZONS[i]!;
      if (k - h >= 0) countReturn(this.tally.baseline[i]!, forwardReturn(closes[k - h]!, closes[k]!));
    }
    // Steps each open outcome and keeps, in place and in order, those that can still change. Most bars
    // only age an outcome: its quiet band says so without stepping it.
    const close = closes[k]!;
    const bands = this.bands;
    let kept = 0;
    for (let i = 0; i < this.open.length; i++) {
      const open = this.open[i]!;
      const at = i * BAND;
      if (
        open.age + 1 < bands[at + 3]! &&
        close >= bands[at]! &&
        close <= bands[at + 1]! &&
        close !== bands[at + 2]!
      ) {
        open.age++;
        this.keep(open, kept++, at);
        continue;
      }
      const changed = advanceOutcome(open, closes, bars, k, k);
      if (changed !== 0) this.record(open, changed, bars[k]!.time, events);
      if (isSettled(open)) continue;
      quietBand(open, bands, at);
      this.keep(open, kept++, at);
    }
    this.open.length = kept;
    bands.length = kept * BAND;
  }

  /** Moves the open outcome at band offset `from` to place `to` (never after it). */
  private keep(open: OpenOutcome, to: number, from: number): void {
    this.open[to] = open;
    const at = to * BAND;
    if (at === from) return;
    for (let j = 0; j < BAND; j++) this.bands[at + j] = this.bands[from + j]!;
  }

  /** Opens the outcome of a detection made at bar `e` with start bar `a`, and counts it. */
  add(detection: Detection, closes: ArrayLike<number>, a: number, e: number): TrackedDetection {
    const open = openOutcome(detection.pattern, detection.detectedAt, closes, a, e);
    quietBand(open, this.bands, this.open.length * BAND);
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
      const value = open.returns[i]!;
      countReturn(tally.horizons[i]!, value);
      events.push({ pattern, detectedAt, time, outcome, type: "return", horizon: HORIZONS[i]!, value });
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
