// Where a replay waits for the system, so that what follows an alert happens after the alert was routed.
//
// A feed sends a daily bar a day after the one before; the replay sends years in minutes, so a detection
// and its breakout a few bars later would reach the KinesisConsumer in one batch, while the alert is still
// QUEUED: no lifecycle message is sent for an alert that was not published yet. Holding the replay before
// such a bar until the system has processed everything sent so far (and routed the alerts) gives the
// order a real feed gives.

import { type Bar, decideSeverity, requiresApproval, scanOutcomes } from "@stock-patterns/core";

/** A breakout or resolution bar (`at`) of a detection found at bar `detected`, as indices of the replay. */
interface TellingEvent {
  detected: number;
  at: number;
}

/**
 * The indices of the replay's bars before which it holds: a breakout or resolution bar of a detection
 * whose alert is published without approval (MEDIUM or HIGH; a CRITICAL one waits for a person) when
 * its detection bar was sent after the last hold, and at least `every` bars after the last hold (each
 * hold costs up to the stream's batching window, 5 s). Computed with the engine the KinesisConsumer
 * runs, so the detections are the stream's own: each series' on its own bars, `positions[s][i]` the
 * place in the replay of series s's bar i (replay/interleave).
 *
 * @example
 * const { bars, positions } = interleaved(series);
 * eventHolds(series, positions, 100); // [57, 212, 318, ...]: indices into bars
 */
export function eventHolds(
  series: readonly { bars: Bar[] }[],
  positions: readonly (readonly number[])[],
  every: number,
): number[] {
  const events = series.flatMap(({ bars }, s) => tellingEvents(bars, (i) => positions[s]?.[i] as number));
  return spacedHolds(events, every);
}

/** The events of `bars` to hold before, placed in the replay by `place` (a bar's index there). */
function tellingEvents(bars: Bar[], place: (index: number) => number): TellingEvent[] {
  const index = new Map(bars.map((bar, i) => [bar.time, i]));
  const events: TellingEvent[] = [];
  for (const detection of scanOutcomes(bars)) {
    const severity = decideSeverity(detection.confidence);
    if (severity === null || requiresApproval(severity)) continue;
    const detected = place(index.get(detection.detectedAt) as number);
    for (const time of [detection.outcome.breakout?.time, detection.outcome.resolvedAt]) {
      const at = time === undefined || time === null ? undefined : index.get(time);
      if (at !== undefined) events.push({ detected, at: place(at) });
    }
  }
  return events;
}

/** The holds before `events`: one whose detection came after the last hold, at least `every` bars on. */
function spacedHolds(events: TellingEvent[], every: number): number[] {
  events.sort((a, b) => a.at - b.at);
  const holds: number[] = [];
  let last = 0;
  for (const { detected, at } of events) {
    if (detected >= last && at - last >= Math.max(every, 1)) {
      holds.push(at);
      last = at;
    }
  }
  return holds;
}
