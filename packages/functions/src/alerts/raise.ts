// Raising an alert: store it once under its deterministic id and put it on AlertQueue for routing.

import { patternAlertId } from "@stock-patterns/core";
import type { EvidencedDetection } from "../analysis/graded";
import { enqueueAlert } from "../messaging/queues";
import { recordAlertPriority } from "../observability/metrics";
import { mapLimit } from "../util/map-limit";
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

/**
 * Stores the alert if new and queues it, then marks it queued. An alert seen before is queued again
 * only if it never was (the earlier send failed); a rare double send is harmless, as the AlertProcessor
 * is idempotent. `stored` is the alert as the caller read it already (null: it was absent then), so a
 * known alert costs no write; a put that loses to another raiser reads the winner's alert.
 */
export async function raiseAlert(
  alert: Alert,
  now = new Date(),
  stored?: Alert | null,
): Promise<AlertSummary> {
  const created = stored ? false : await putAlertIfNew(alert);
  const current = created ? alert : (stored ?? (await getAlert(alert.alertId)));
  if (current?.status === "QUEUED" && !current.enqueuedAt) {
    await enqueueAlert(current);
    await markAlertOnce(alert.alertId, "enqueuedAt", now.toISOString());
  }
  if (created) recordAlertPriority(alert.severity);
  const { alertId, severity, symbol, message, barTime } = current ?? alert;
  return { alertId, severity, symbol, message, barTime, status: current?.status ?? alert.status, created };
}

/** Alerts raised at once; each takes up to three calls. */
const RAISE_CONCURRENCY = 8;

/**
 * Raises the alerts of graded detections, in detection order. Those stored already are read in one batch
 * call first, so an analysis or batch seen before (a repeated POST, a replay) costs one read, not a failed
 * put and a read per alert. A failure fails the whole call; the retry raises only what is missing (ids are
 * deterministic).
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
  return mapLimit(alerts, RAISE_CONCURRENCY, (alert) =>
    raiseAlert(alert, now, stored.get(alert.alertId) ?? null),
  );
}
