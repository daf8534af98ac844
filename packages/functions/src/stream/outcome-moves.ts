// What a stream batch did to outcomes, collapsed: each detection's outcome after its last event, and
// the stored ids (detection, alert) of every outcome still open (the window keeps those, since events
// name code and time only).

import {
  type OutcomeEvent,
  patternAlertId,
  patternId,
  sortableTime,
  type TrackedDetection,
} from "@stock-patterns/core";
import type { DetectionEvent } from "#alerts";
import type { DetectionToStore, OutcomeUpdate } from "#analysis";

/** Names an outcome within one series: one code per detection window, so code and time suffice. */
export function outcomeKey(outcome: { pattern: string; detectedAt: string }): string {
  return `${outcome.pattern}@${outcome.detectedAt}`;
}

const asOf = (time: string) => sortableTime(time) ?? time;

/** The outcome moves of one batch: new detections to store, updates to earlier ones, ids to keep. */
export interface OutcomeMoves {
  /** The batch's new detections, each with its outcome after the batch's last bar (no evidence). */
  detections: DetectionToStore[];
  /** Earlier detections whose outcome moved, the newest outcome of each. */
  updates: OutcomeUpdate[];
  /** Ids of the outcomes still open after the batch. */
  patternIds: Record<string, string>;
  /** The alert id (patternAlertId) of each outcome still open whose id is known, by the same key. */
  alertIds: Record<string, string>;
  /**
   * The outcome keys (code@detectedAt) of updated outcomes whose detection had no id (a window saved before
   * ids were kept).
   */
  unknown: string[];
  /** Breakouts and resolutions, in order, with their detection's id (for lifecycle messages). */
  lifecycle: DetectionEvent[];
}

/** The ids a window kept for its open outcomes, by outcomeKey (alert ids: absent in older windows). */
export interface KnownIds {
  patternIds?: Readonly<Record<string, string>>;
  alertIds?: Readonly<Record<string, string>>;
}

/**
 * Collapses a batch's detections and events. `known` are the ids the window kept; `stillOpen` the keys
 * of the outcomes the detector still follows.
 *
 * @example
 * collapseOutcomeMoves("SPX", "1d", detections, events, window, openKeys)
 */
export function collapseOutcomeMoves(
  symbol: string,
  interval: string,
  detections: readonly TrackedDetection[],
  events: readonly OutcomeEvent[],
  known: KnownIds,
  stillOpen: ReadonlySet<string>,
): OutcomeMoves {
  const ids = new Map(Object.entries(known.patternIds ?? {}));
  const alertIdByKey = new Map(Object.entries(known.alertIds ?? {}));
  const latest = new Map<string, OutcomeEvent>();
  for (const event of events) latest.set(outcomeKey(event), event);
  const fresh = new Set<string>();
  const stored = detections.map(({ evidence: _evidence, ...detection }) => {
    const key = outcomeKey(detection);
    fresh.add(key);
    ids.set(key, patternId(symbol, interval, detection));
    alertIdByKey.set(key, patternAlertId(symbol, interval, detection));
    const last = latest.get(key);
    return {
      ...detection,
      outcome: last?.outcome ?? detection.outcome,
      outcomeAsOf: asOf(last?.time ?? detection.detectedAt),
    };
  });
  const updates: OutcomeUpdate[] = [];
  const unknown: string[] = [];
  for (const [key, event] of latest) {
    if (fresh.has(key)) continue;
    const id = ids.get(key);
    if (id === undefined) unknown.push(key);
    else
      updates.push({
        patternId: id,
        interval,
        detectedAt: event.detectedAt,
        outcome: event.outcome,
        asOf: asOf(event.time),
      });
  }
  const lifecycle: DetectionEvent[] = [];
  for (const event of events) {
    const key = outcomeKey(event);
    const id = ids.get(key);
    if (id !== undefined && event.type !== "return")
      lifecycle.push({ patternId: id, alertId: alertIdByKey.get(key), event });
  }
  const patternIds: Record<string, string> = {};
  const alertIds: Record<string, string> = {};
  for (const key of stillOpen) {
    const id = ids.get(key);
    if (id !== undefined) patternIds[key] = id;
    const alertId = alertIdByKey.get(key);
    if (alertId !== undefined) alertIds[key] = alertId;
  }
  return { detections: stored, updates, patternIds, alertIds, unknown, lifecycle };
}

/**
 * The moves with the batch's new detections under the ids they are stored under (savePatterns' records):
 * one a release before instant ids stored keeps that id, so the window follows its outcome there and its
 * breakout and resolution name it. Its alert may be stored under either id, so its alert id is left out:
 * tellLifecycle then looks under both (storedAlertIds of the stored detection).
 *
 * @example
 * const kept = storedAs(moves, patterns); // patterns: what savePatterns answered for moves.detections
 */
export function storedAs(
  moves: OutcomeMoves,
  stored: readonly { pattern: string; detectedAt: string; patternId: string }[],
): OutcomeMoves {
  const ids = new Map(stored.map((p) => [outcomeKey(p), p.patternId]));
  const movedFrom = (key: string, id: string | undefined) => ids.has(key) && ids.get(key) !== id;
  const patternIds = Object.fromEntries(
    Object.entries(moves.patternIds).map(([key, id]) => [key, ids.get(key) ?? id]),
  );
  const alertIds = Object.fromEntries(
    Object.entries(moves.alertIds).filter(([key]) => !movedFrom(key, moves.patternIds[key])),
  );
  const lifecycle = moves.lifecycle.map((e): DetectionEvent => {
    const key = outcomeKey(e.event);
    if (!movedFrom(key, e.patternId)) return e;
    return { patternId: ids.get(key) as string, event: e.event };
  });
  return { ...moves, patternIds, alertIds, lifecycle };
}
