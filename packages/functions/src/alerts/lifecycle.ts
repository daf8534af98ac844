// After the alert: a published or approved alert's detection broke out or was resolved, so the people
// acting on it get a lifecycle message on TradingAlerts, once per event.

import { lifecycleEventId, type OutcomeEvent, patternAlertId } from "@stock-patterns/core";
import { LIFECYCLE_EVENTS, type LifecycleEvent, type LifecycleMessage } from "@stock-patterns/core/contracts";
import { patternIdentities } from "#analysis";
import { publishLifecycle } from "#messaging";
import type { Alert, AlertStatus } from "./alert";
import { alertUrl } from "./link";
import { getAlerts, markAlertOnce, unmarkAlert } from "./repository";
import { SENT_AT } from "./sent-at";

/** The alerts whose people are told: those that reached TradingAlerts. */
const TOLD: readonly AlertStatus[] = ["PUBLISHED", "APPROVED"];

/** An outcome event of a stored detection. */
export interface DetectionEvent {
  patternId: string;
  event: OutcomeEvent;
}

function isLifecycle(event: OutcomeEvent): event is OutcomeEvent & { type: LifecycleEvent } {
  return (LIFECYCLE_EVENTS as readonly string[]).includes(event.type);
}

/** The message of one event for one alert. */
export function lifecycleMessage(
  alert: Alert,
  event: OutcomeEvent & { type: LifecycleEvent },
): LifecycleMessage {
  const { outcome } = event;
  return {
    type: "lifecycle",
    eventId: lifecycleEventId(alert.alertId, event.type),
    event: event.type,
    alertId: alert.alertId,
    alertUrl: alertUrl(alert.alertId),
    symbol: alert.symbol,
    interval: alert.interval,
    pattern: event.pattern,
    detectedAt: event.detectedAt,
    time: event.time,
    status: outcome.status,
    direction: outcome.breakout?.direction ?? null,
    ceiling: outcome.ceiling,
    floor: outcome.floor,
    target: outcome.target,
    resolvedAt: outcome.resolvedAt,
  };
}

/**
 * Sends the lifecycle messages of a batch's events, in order. The events' detections and their alerts
 * are read in one batch call each (none when no event is a breakout or resolution), not two reads per
 * event. Each message is claimed on its alert first (a conditional write only one sender wins), so a
 * replay, a retry or a concurrent consumer sends nothing twice; a send that fails gives the claim back and
 * fails the call, so the batch is retried. Returns how many were sent.
 */
export async function tellLifecycle(
  symbol: string,
  interval: string,
  events: readonly DetectionEvent[],
  now = new Date(),
): Promise<number> {
  const told = events.filter((e): e is DetectionEvent & { event: { type: LifecycleEvent } } =>
    isLifecycle(e.event),
  );
  if (told.length === 0) return 0;
  const detections = await patternIdentities(
    told.map(({ patternId, event }) => ({ patternId, detectedAt: event.detectedAt })),
  );
  const alertIds = new Map<string, string>();
  for (const [patternId, detection] of detections)
    alertIds.set(patternId, patternAlertId(symbol, interval, detection));
  const alerts = await getAlerts([...alertIds.values()]);
  let sent = 0;
  for (const { patternId, event } of told) {
    const alert = alerts.get(alertIds.get(patternId) ?? "");
    if (!alert || !TOLD.includes(alert.status) || alert[SENT_AT[event.type]]) continue;
    const at = now.toISOString();
    if (!(await markAlertOnce(alert.alertId, SENT_AT[event.type], at))) continue;
    try {
      await publishLifecycle(lifecycleMessage(alert, event));
    } catch (error) {
      await unmarkAlert(alert.alertId, SENT_AT[event.type], at);
      throw error;
    }
    sent++;
  }
  return sent;
}
