// Where a replay waits for the system, so that what follows an alert happens after the alert was routed.
//
// A feed sends a daily bar a day after the one before; the replay sends years in minutes, so a detection
// and its breakout a few bars later would reach the KinesisConsumer in one batch, while the alert is still
// QUEUED: no lifecycle message is sent for an alert that was not published yet. Holding the replay before
// such a bar until the system has processed everything sent so far (and routed the alerts) gives the
// order a real feed gives.

import { type Bar, decideSeverity, requiresApproval, scanOutcomes } from "@stock-patterns/core";

/**
 * The indices of the bars before which the replay holds: a breakout or resolution bar of a detection
 * whose alert is published without approval (MEDIUM or HIGH; a CRITICAL one waits for a person) when
 * its detection bar was sent after the last hold, and at least `every` bars after the last hold (each
 * hold costs up to the stream's batching window, 5 s). Computed with the engine the KinesisConsumer
 * runs, so the detections are the stream's own.
 *
 * @example
 * eventHolds(bars, 100); // [57, 212, 318, ...]
 */
export function eventHolds(bars: Bar[], every: number): number[] {
  const index = new Map(bars.map((bar, i) => [bar.time, i]));
  const events: { detected: number; at: number }[] = [];
  for (const detection of scanOutcomes(bars)) {
    const severity = decideSeverity(detection.confidence);
    if (severity === null || requiresApproval(severity)) continue;
    const detected = index.get(detection.detectedAt) as number;
    for (const time of [detection.outcome.breakout?.time, detection.outcome.resolvedAt]) {
      const at = time === undefined || time === null ? undefined : index.get(time);
      if (at !== undefined) events.push({ detected, at });
    }
  }
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
