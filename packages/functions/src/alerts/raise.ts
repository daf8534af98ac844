// Raising an alert: store it once under its deterministic id and put it on AlertQueue for routing.

import { type DetectionIdentity, patternAlertId, textPatternAlertId } from "@stock-patterns/core";
import type { EvidencedDetection } from "#analysis";
import { enqueueAlerts } from "#messaging";
import { recordAlertPriorities } from "#observability";
import { mapLimit } from "#util";
import type { Alert } from "./alert";
import {
  addAlertEvidence,
  alertsAmong,
  getAlert,
  type KnownAlerts,
  keepAlertUntil,
  markAlertOnce,
  putAlertIfNew,
  unmarkAlert,
} from "./repository";
import { expiryOnRaiseAgain } from "./retention";

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
 * The ids a detection's alert may be stored under: its id, then (where it differs) the one a release
 * before instant ids gave it from its times' text, which an alert stored then keeps.
 *
 * @example
 * storedAlertIds("SPX", "1d", detection) // ["alr_…", "alr_…"]: its times written as dates
 */
export function storedAlertIds(symbol: string, interval: string, detection: DetectionIdentity): string[] {
  const textId = textPatternAlertId(symbol, interval, detection);
  return [patternAlertId(symbol, interval, detection), ...(textId ? [textId] : [])];
}

/** An alert after it was stored (or found stored): as it stands, and whether this call made it. */
interface Kept {
  alert: Alert;
  current: Alert | undefined;
  created: boolean;
}

/**
 * Stores the alert if new, marked queued already (`enqueuedAt`: its raiser sends it next, see queue), so
 * a new alert costs one write. `stored` is the alert as the caller read it already (null: it was absent
 * then), so a known alert costs no write (but the one giving it the evidence it lacks: withEvidence, or
 * the expiry of a finished one pushed on: keptWhileRaised); a put that loses to another raiser reads the
 * winner's alert.
 */
async function keep(alert: Alert, now: Date, stored?: Alert | null): Promise<Kept> {
  if (stored) {
    const current = await keptWhileRaised(await withEvidence(stored, alert), now);
    return { alert, current, created: false };
  }
  const queued: Alert = { ...alert, enqueuedAt: now.toISOString() };
  const created = await putAlertIfNew(queued);
  if (created) return { alert, current: queued, created };
  const found = await getAlert(alert.alertId);
  return { alert, current: found && (await keptWhileRaised(found, now)), created };
}

/**
 * A finished alert raised again, its retention counted again from `now` when its expiry is a day short
 * of that (expiryOnRaiseAgain): it is not deleted while a producer may still raise it.
 */
async function keptWhileRaised(current: Alert, now: Date): Promise<Alert> {
  const pushed = expiryOnRaiseAgain(current, now);
  if (pushed === undefined || !(await keepAlertUntil(current.alertId, pushed))) return current;
  return { ...current, expiresAtEpoch: pushed };
}

/**
 * A stored alert with the evidence `raised` carries where it has none: an alert POST /patterns stored
 * without evidence (releases before it stored its own, see the workflow's detect), raised again by the
 * stream or a later analysis, which have it as of detectedAt. Evidence stored first stays.
 */
async function withEvidence(stored: Alert, raised: Alert): Promise<Alert> {
  if (stored.evidence || !raised.evidence) return stored;
  await addAlertEvidence(stored.alertId, raised.evidence);
  return { ...stored, evidence: raised.evidence };
}

/** An alert found stored QUEUED but never put on AlertQueue (an earlier raiser's send failed). */
const unqueued = ({ current, created }: Kept): Alert[] =>
  !created && current?.status === "QUEUED" && !current.enqueuedAt ? [current] : [];

/**
 * Queues the alerts this call stored and those found unqueued (batched sends, all at once); a failed
 * send fails the call. The stored ones were marked queued with their put: on a failed send the marks are
 * given back, so the caller's retry queues them again (a crash before that leaves them to the sweep,
 * which re-drives an alert left QUEUED). The found ones are marked once sent.
 */
async function queue(kept: readonly Kept[], now: Date): Promise<void> {
  const stored = kept.flatMap(({ current, created }) => (created && current ? [current] : []));
  const found = kept.flatMap(unqueued);
  if (stored.length + found.length === 0) return;
  try {
    await enqueueAlerts([...stored, ...found]);
  } catch (error) {
    await Promise.allSettled(
      stored.map(({ alertId, enqueuedAt }) => unmarkAlert(alertId, "enqueuedAt", enqueuedAt ?? "")),
    );
    throw error;
  }
  await mapLimit(found, RAISE_CONCURRENCY, (alert) =>
    markAlertOnce(alert.alertId, "enqueuedAt", now.toISOString()),
  );
}

/** The AlertPriority metric of the alerts this call stored (a line per severity). */
const recordRaised = (kept: readonly Kept[]) =>
  recordAlertPriorities(kept.flatMap(({ alert, created }) => (created ? [alert.severity] : [])));

function summary({ alert, current, created }: Kept): AlertSummary {
  return alertSummary(current ?? alert, created);
}

/**
 * What an analysis answers of an alert, and whether this call made it (the workflow answers it packed
 * against the summary of the new alert a detection implies: workflow/alert-answers.ts).
 *
 * @example
 * alertSummary(alert, true) // { alertId, severity, symbol, message, barTime, status, created: true }
 */
export function alertSummary(alert: Alert, created: boolean): AlertSummary {
  const { alertId, severity, symbol, message, barTime, status } = alert;
  return { alertId, severity, symbol, message, barTime, status, created };
}

/**
 * Stores the alert if new and queues it. An alert seen before is queued again only if it never was (the
 * earlier send failed); a rare double send is harmless, as the AlertProcessor is idempotent. `stored`:
 * see keep.
 */
export async function raiseAlert(
  alert: Alert,
  now = new Date(),
  stored?: Alert | null,
): Promise<AlertSummary> {
  const kept = await keep(alert, now, stored);
  recordRaised([kept]);
  await queue([kept], now);
  return summary(kept);
}

/** Alerts stored or marked at once. */
const RAISE_CONCURRENCY = 8;

/**
 * Raises the alerts of graded detections, in detection order, as raiseAlert does each. Those stored
 * already (under any of storedAlertIds) are read in one batch call first (or taken from `known`, read
 * with a stream batch's other symbols), so an analysis or batch seen before (a repeated POST, a replay)
 * costs one read, not a failed put and a read per alert; a new one costs one put, and they are queued ten a call. A failure fails the
 * whole call; the retry raises only what is missing (ids are deterministic). `raisedBy` is stored on the
 * alerts this call stores ("stream" from the KinesisConsumer: see Alert).
 */
export async function raiseDetectionAlerts(
  symbol: string,
  interval: string,
  detections: readonly EvidencedDetection[],
  now = new Date(),
  known?: KnownAlerts,
  raisedBy?: Alert["raisedBy"],
): Promise<AlertSummary[]> {
  const alerts = detections.flatMap((d) => {
    const alert = alertForDetection(symbol, interval, d, now);
    if (!alert) return [];
    return [{ alert: { ...alert, ...(raisedBy && { raisedBy }) }, ids: storedAlertIds(symbol, interval, d) }];
  });
  if (alerts.length === 0) return [];
  const stored = await alertsAmong(
    alerts.flatMap(({ ids }) => ids),
    known,
  );
  // An alert a release before instant ids stored is the same alert: found, not raised a second time.
  const kept = await mapLimit(alerts, RAISE_CONCURRENCY, ({ alert, ids }) =>
    keep(alert, now, ids.map((id) => stored.get(id)).find(Boolean) ?? null),
  );
  recordRaised(kept);
  await queue(kept, now);
  return kept.map(summary);
}
