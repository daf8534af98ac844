// The periodic check: a symbol's window against the thresholds; each breach alerted once.

import {
  evaluateBars,
  sortableTime,
  type Thresholds,
  textThresholdAlertId,
  thresholdAlertId,
} from "@stock-patterns/core";
import { type Alert, type AlertSummary, getAlert, raiseAlert } from "#alerts";
import { listPatterns } from "#analysis";
import type { ScannedWindow } from "#stream";

/** Whether a detection inside the window is at least `minConfidence` (it confirms a breach). */
async function confirmedByPattern(window: ScannedWindow, minConfidence: number): Promise<boolean> {
  const oldest = window.bars[0];
  if (oldest === undefined) return false;
  const from = sortableTime(oldest.time);
  const page = await listPatterns({ symbol: window.symbol, from, limit: 50 });
  return page.items.some((p) => p.interval === window.interval && p.confidence >= minConfidence);
}

/**
 * Checks one stored window and raises an alert for each breach: MEDIUM, or HIGH when a recent detection
 * is at least `minConfidence`. Alert ids are per symbol, interval, rule and bar, so running again (every
 * 5 minutes) raises nothing twice.
 *
 * @example
 * for await (const window of eachWindow()) summaries.push(...(await checkWindow(window, thresholds)));
 */
export async function checkWindow(
  window: ScannedWindow,
  thresholds: Thresholds,
  now = new Date(),
): Promise<AlertSummary[]> {
  const raised: AlertSummary[] = [];
  const breaches = evaluateBars(window.bars, thresholds);
  if (breaches.length === 0) return raised;
  const confirmed = await confirmedByPattern(window, thresholds.minConfidence);
  for (const breach of breaches) {
    const alert: Alert = {
      alertId: thresholdAlertId(window.symbol, window.interval, breach.rule, breach.bar.time),
      source: "threshold",
      symbol: window.symbol,
      interval: window.interval,
      severity: confirmed ? "HIGH" : "MEDIUM",
      barTime: breach.bar.time,
      createdAt: now.toISOString(),
      message: `${breach.message}${confirmed ? " with a confirming pattern" : ""}`,
      status: "QUEUED",
      rule: breach.rule,
      measures: breach.measures,
    };
    // A breach a release before instant ids alerted is under the id it gave: found, not raised again.
    const textId = textThresholdAlertId(window.symbol, window.interval, breach.rule, breach.bar.time);
    const earlier = textId ? await getAlert(textId) : undefined;
    raised.push(await raiseAlert(alert, now, earlier));
  }
  return raised;
}
