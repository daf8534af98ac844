// Raising an alert: store it once under its deterministic id and put it on AlertQueue for routing.

import { patternAlertId } from "@stock-patterns/core";
import type { EvidencedDetection } from "#analysis";
import { enqueueAlerts } from "#messaging";
import { recordAlertPriority } from "#observability";
import { mapLimit } from "#util";
import type { Alert } from "./alert";
import { getAlert, getAlerts, markAlertOnce, putAlertIfNew } from "./repository";

/** The compact form of an alert in workflow output and API answers. */
export interface AlertSummary {
  alertId: string;
  severity: Alert["severity"];
  symbol: string;
  message: string;
  barTime: string;
  status: Alert["status"];
  /** False when this alert had been raised before (a replay). */
  created: boolean;
}

/** The alert a graded detection raises, or undefined below the MEDIUM threshold. */
export function alertForDetection(
  symbol: string,
  interval: string,
  detection: EvidencedDetection,
  now: Date,
): Alert | undefined {
  if (detection.severity === null) return undefined;
  return {
    alertId: patternAlertId(symbol, interval, detection),
    source: "pattern",
    symbol,
    interval,
    severity: detection.severity,
    barTime: detection.detectedAt,
    createdAt: now.toISOString(),
    message: `${detection.name} (${detection.pattern}) ending ${detection.end}, confidence ${detection.confidence}`,
    status: "QUEUED",
    pattern: detection.pattern,
    confidence: detection.confidence,
    patternId: detection.patternId,
    evidence: detection.evidence,
  };
}

/** An alert after it was stored (or found stored): as it stands, and whether this call made it. */
interface Kept {
  alert: Alert;
  current: Alert | undefined;
  created: boolean;
}

/**
 * Stores the alert if new. `stored` is the alert as the caller read it already (null: it was absent
 * then), so a known alert costs no write; a put that loses to another raiser reads the winner's alert.
 */
async function keep(alert: Alert, stored?: Alert | null): Promise<Kept> {
  const created = stored ? false : await putAlertIfNew(alert);
  if (created) recordAlertPriority(alert.severity);
  const current = created ? alert : (stored ?? (await getAlert(alert.alertId)));
  return { alert, current, created };
}

/** The alert when it is stored QUEUED but was never put on AlertQueue (new, or an earlier send failed). */
const unqueued = ({ current }: Kept): Alert[] =>
  current?.status === "QUEUED" && !current.enqueuedAt ? [current] : [];

/** Queues the alerts (batched sends) and marks each queued; a failed send fails the call. */
async function queue(alerts: readonly Alert[], now: Date): Promise<void> {
  if (alerts.length === 0) return;
  await enqueueAlerts(alerts);
  await mapLimit(alerts, RAISE_CONCURRENCY, (alert) =>
    markAlertOnce(alert.alertId, "enqueuedAt", now.toISOString()),
  );
}

function summary({ alert, current, created }: Kept): AlertSummary {
  const { alertId, severity, symbol, message, barTime } = current ?? alert;
  return { alertId, severity, symbol, message, barTime, status: current?.status ?? alert.status, created };
}

/**
 * Stores the alert if new and queues it, then marks it queued. An alert seen before is queued again
 * only if it never was (the earlier send failed); a rare double send is harmless, as the AlertProcessor
 * is idempotent. `stored`: see keep.
 */
export async function raiseAlert(
  alert: Alert,
  now = new Date(),
  stored?: Alert | null,
): Promise<AlertSummary> {
  const kept = await keep(alert, stored);
  await queue(unqueued(kept), now);
  return summary(kept);
}

/** Alerts stored or marked at once. */
const RAISE_CONCURRENCY = 8;

/**
 * Raises the alerts of graded detections, in detection order, as raiseAlert does each. Those stored
 * already are read in one batch call first, so an analysis or batch seen before (a repeated POST, a
 * replay) costs one read, not a failed put and a read per alert; the new ones are queued ten a call. A
 * failure fails the whole call; the retry raises only what is missing (ids are deterministic).
 */
export async function raiseDetectionAlerts(
  symbol: string,
  interval: string,
  detections: readonly EvidencedDetection[],
  now = new Date(),
): Promise<AlertSummary[]> {
  const alerts = detections.flatMap((d) => alertForDetection(symbol, interval, d, now) ?? []);
  if (alerts.length === 0) return [];
  const stored = await getAlerts(alerts.map((alert) => alert.alertId));
  const kept = await mapLimit(alerts, RAISE_CONCURRENCY, (alert) =>
    keep(alert, stored.get(alert.alertId) ?? null),
  );
  await queue(kept.flatMap(unqueued), now);
  return kept.map(summary);
}
