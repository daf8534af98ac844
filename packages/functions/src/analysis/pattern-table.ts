// The TradingPatterns table's shape: a stored detection, its key, and how it is written and read back.

import { type Bar, type Detection, type Evidence, type Outcome, sortableTime } from "@stock-patterns/core";
import { TABLES } from "@stock-patterns/core/catalog";
import { packStoredBars, unpackStoredBars } from "./stored-bars";

export const SPEC = TABLES.TradingPatterns;
export const INDEX = SPEC.indexes[0];

/** A detection as stored, with where it came from. */
export interface StoredPattern extends Detection {
  patternId: string;
  symbol: string;
  interval: string;
  name: string;
  source: "api" | "stream";
  storedAt: string;
  /** The bars from a few before `start` through `detectedAt`, for charts (see analysis/bars-around). */
  bars: Bar[];
  /** What happened after the detection, as of `outcomeAsOf` (absent on records stored before outcomes were). */
  outcome?: Outcome;
  /** ISO UTC time of the bar the outcome was last moved by (or detectedAt): newer moves only replace it. */
  outcomeAsOf?: string;
}

/**
 * What an analysis stores beside a detection that raises an alert: its code's evidence over the bars sent,
 * as of its detectedAt, for AlertDecision to store with the alert (patternEvidenceRead). Set by the first
 * writer only; not part of the detection as read (fromItem leaves it out).
 */
interface AlertEvidence {
  evidence?: Evidence;
}

/** A detection to store, with its outcome and the time of the bar that last moved it. */
export type DetectionToStore = Detection &
  Required<Pick<StoredPattern, "outcome" | "outcomeAsOf">> &
  AlertEvidence;

/** A detection as stored with its outcome: what every writer stores now. */
export type TrackedPattern = StoredPattern &
  Required<Pick<StoredPattern, "outcome" | "outcomeAsOf">> &
  AlertEvidence;

/** A stored detection named by its full key: its id and detection time. */
export interface PatternKey {
  patternId: string;
  detectedAt: string;
}

/** A detection's table key: its id, and its detection time's sortable instant as the sort key. */
export const patternKey = ({ patternId, detectedAt }: PatternKey) => ({
  [SPEC.partitionKey]: patternId,
  [SPEC.sortKey]: sortableTime(detectedAt) ?? detectedAt,
});

/** A detection's fields as stored: its bars packed into one string (see stored-bars). */
export const storedFields = ({ bars, ...pattern }: TrackedPattern) => ({
  ...pattern,
  bars: packStoredBars(bars),
});

/**
 * A stored item read back: the sort key and the alert's evidence dropped, the bars unpacked (packed or, if
 * older, a list).
 */
export function fromItem(item: Record<string, unknown>): StoredPattern {
  const { [SPEC.sortKey]: _time, evidence: _evidence, bars, ...pattern } = item;
  return { ...(pattern as Omit<StoredPattern, "bars">), bars: unpackStoredBars(bars) };
}
