// Evidence: statistics of outcomes per pattern code (PATTERNS.md "Evidence"), and the running tallies
// a stream keeps instead of every value.

import type { Horizon } from "../outcomes/spec";
import type { ResolvedStatus } from "../outcomes/types";
import type { PatternCode } from "../types";

/** Forward returns at one horizon, summarised; nulls when n is 0. */
export interface ReturnSummary {
  n: number;
  mean: number | null;
  /** The middle value; the mean of the two middle values for even n. */
  median: number | null;
  /** Share of the returns above 0. */
  upShare: number | null;
}

export interface HorizonEvidence {
  returns: ReturnSummary;
  /** Every bar of the same series (pooled over several) whose return is known. */
  baseline: ReturnSummary;
  /** Share in the expected direction minus the baseline's; only for codes with an expected direction. */
  lift?: number | null;
  /** Two-sample Kolmogorov-Smirnov test of returns against the baseline; null when either is empty. */
  ks: { D: number; p: number } | null;
}

/** The evidence for one pattern code, as of a time. */
export interface Evidence {
  pattern: PatternCode;
  detections: number;
  resolved: number;
  /** Resolved detections by status. */
  status: Record<ResolvedStatus, number>;
  succeeded: number;
  successRate: number | null;
  /** 95% Wilson score interval of the success rate. */
  successInterval: [number, number] | null;
  horizons: Record<`${Horizon}`, HorizonEvidence>;
}

/** What a stream can carry: the same without median and KS (everything else is counts and sums). */
export type RunningReturnSummary = Omit<ReturnSummary, "median">;
export interface RunningHorizonEvidence {
  returns: RunningReturnSummary;
  baseline: RunningReturnSummary;
  lift?: number | null;
}
export interface RunningEvidence extends Omit<Evidence, "horizons"> {
  horizons: Record<`${Horizon}`, RunningHorizonEvidence>;
}

/** Counts and sum of forward returns at one horizon. */
export interface ReturnTally {
  n: number;
  sum: number;
  /** Returns above 0. */
  up: number;
  /** Returns below 0. */
  down: number;
}

/** One code's running counts; `horizons` in the order of HORIZONS. */
export interface CodeTally {
  detections: number;
  resolved: number;
  status: Record<ResolvedStatus, number>;
  succeeded: number;
  horizons: ReturnTally[];
}

/** The running evidence of a series: plain JSON, part of the streaming detector's state. */
export interface EvidenceTally {
  codes: Partial<Record<PatternCode, CodeTally>>;
  /** The series' own forward returns, in the order of HORIZONS. */
  baseline: ReturnTally[];
}
