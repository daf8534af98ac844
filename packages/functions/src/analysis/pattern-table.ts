// The TradingPatterns table's shape: a stored detection, its key, and how it is written and read back.

import {
  BARS_IN_WINDOW_AFTER_SETTLED,
  type Bar,
  type Detection,
  type Evidence,
  type Outcome,
  outcomeSettled,
  PATTERN_ID,
  sortableTime,
} from "@stock-patterns/core";
import { recordExpiry, TABLES } from "@stock-patterns/core/catalog";
import { intervalSpanMs } from "@stock-patterns/core/contracts";
import * as z from "zod";
import { retentionDaysOfStage } from "#config";
import { cursorShape, idKey, instantKey, pastTtl } from "#repositories";
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

/**
 * A cursor of one symbol's detections (the bySymbol index), `from` and `to` bounding detectedAt (ISO UTC):
 * an index entry's key, its id as patternId makes it, its time as patternKey writes it (sortableTime's ISO
 * UTC) and inside the range (DynamoDB refuses a start key outside it), under the listing's symbol.
 *
 * @example
 * decodeCursor(cursor, patternCursor({ symbol: "SPX" })) // { patternId: "pat_…", timestamp: "2000-…Z", symbol: "SPX" }
 */
export const patternCursor = ({ symbol, from, to }: { symbol: string; from?: string; to?: string }) =>
  cursorShape({
    [SPEC.partitionKey]: idKey(PATTERN_ID, "a detection id"),
    [SPEC.sortKey]: instantKey.refine(
      (time) => (!from || time >= from) && (!to || time <= to),
      "is outside the listing's from and to",
    ),
    [INDEX.partitionKey]: z.literal(symbol, { error: "is not the symbol of this listing" }),
  });

/** A detection's fields as stored: its bars packed into one string (see stored-bars). */
export const storedFields = ({ bars, ...pattern }: TrackedPattern) => ({
  ...pattern,
  bars: packStoredBars(bars),
});

/**
 * A stored item read back: the sort key, the alert's evidence and the TTL attribute (how long the table
 * keeps it, not part of the detection) dropped, the bars unpacked (packed or, if older, a list).
 */
export function fromItem(item: Record<string, unknown>): StoredPattern {
  const { [SPEC.sortKey]: _time, [SPEC.ttlAttribute]: _expiry, evidence: _evidence, bars, ...pattern } = item;
  return { ...(pattern as Omit<StoredPattern, "bars">), bars: unpackStoredBars(bars) };
}

/**
 * The TTL attribute a write storing `outcome` of a detection of `interval` at `now` gives it: the retention
 * from that write once the outcome is settled (core's outcomeSettled: nothing moves it after), plus the
 * bars it may still lie in its series' window, where the ThresholdChecker reads it to confirm a breach
 * (BARS_IN_WINDOW_AFTER_SETTLED, each the interval's longest span; bars that come slower, over weekends or
 * a stalled feed, are what the retention's least 30 days absorb), when the stage keeps detections for
 * RECORD_RETENTION_DAYS; nothing otherwise, so an open detection, or any under no retention, is kept. The
 * write's own time, not the outcome's bar times: a replay or an analysis of old bars settles detections
 * whose bars are years old, and work in flight (an alert's catch-up, the sweep) counts from when it was
 * stored.
 */
export function expiryOf(outcome: Outcome, interval: string, now: Date): Record<string, number> {
  const days = retentionDaysOfStage();
  const span = intervalSpanMs(interval);
  if (days === undefined || span === undefined || !outcomeSettled(outcome)) return {};
  const inWindow = Math.ceil((BARS_IN_WINDOW_AFTER_SETTLED * span) / 1000);
  return { [SPEC.ttlAttribute]: recordExpiry(now, days) + inWindow };
}

/** Whether a read item has expired: a read that serves it passes it over (pastTtl, every table's rule). */
export function expired(item: Record<string, unknown>, now: Date): boolean {
  return pastTtl(item, SPEC.ttlAttribute, now);
}
