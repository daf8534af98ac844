// The alerts an analysis raised, as PatternAnalysisWorkflow answers them: for each alerting detection,
// only what differs from the alert that detection implies (a new one, QUEUED, as alertForDetection makes
// it), so a new alert is `{}`. Step Functions holds the answer to 256 KiB: whole, the 430 alerts of a
// 5,000-bar random walk were about 80 KB of it, and with its 840 detections the answer did not fit.

import type { GradedDetection } from "@stock-patterns/core/contracts";
import { type AlertSummary, alertForDetection, alertSummary } from "#alerts";

/** An alert as the workflow answers it: the fields of its summary that differ from the implied one. */
export type AlertAnswer = Partial<AlertSummary>;

// alertForDetection's creation time, which no summary field holds.
const ANY_TIME = new Date(0);

/** The summary of the new alert `detection` raises, or undefined when it raises none (no severity). */
function impliedSummary(
  symbol: string,
  interval: string,
  detection: GradedDetection,
): AlertSummary | undefined {
  const alert = alertForDetection(symbol, interval, detection, ANY_TIME);
  return alert && alertSummary(alert, true);
}

/** The implied summaries of the detections that raise an alert, in their order. */
function impliedSummaries(symbol: string, interval: string, detections: readonly GradedDetection[]) {
  return detections.flatMap((d) => impliedSummary(symbol, interval, d) ?? []);
}

/**
 * The answers of `summaries`, the alerts raiseDetectionAlerts answered for `detections` (one per detection
 * with a severity, in their order).
 *
 * @example
 * packAlerts("SPX", "1d", detections, summaries) // [{}, { status: "PUBLISHED", created: false }]
 */
export function packAlerts(
  symbol: string,
  interval: string,
  detections: readonly GradedDetection[],
  summaries: readonly AlertSummary[],
): AlertAnswer[] {
  const implied = impliedSummaries(symbol, interval, detections);
  if (implied.length !== summaries.length)
    throw new Error(`${summaries.length} alerts answered for ${implied.length} alerting detections`);
  return summaries.map((summary, i) => {
    const answer: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(summary))
      if (value !== implied[i]?.[field as keyof AlertSummary]) answer[field] = value;
    return answer as AlertAnswer;
  });
}

/**
 * The alert summaries of `answers` (packAlerts) for `detections`, as raiseDetectionAlerts answered them.
 *
 * @example
 * unpackAlerts("SPX", "1d", detections, [{}]) // [{ alertId: "alr_…", status: "QUEUED", created: true, … }]
 */
export function unpackAlerts(
  symbol: string,
  interval: string,
  detections: readonly GradedDetection[],
  answers: readonly AlertAnswer[],
): AlertSummary[] {
  const implied = impliedSummaries(symbol, interval, detections);
  if (implied.length !== answers.length)
    throw new Error(`${answers.length} alert answers for ${implied.length} alerting detections`);
  return implied.map((summary, i) => ({ ...summary, ...answers[i] }));
}
