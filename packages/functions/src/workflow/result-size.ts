// What PatternAnalysisWorkflow would answer for a series, measured before it runs. Step Functions holds
// every state's output to 256 KiB; AlertDecision's, the largest (each detection graded, each alert raised),
// failed a dense series of 5,000 bars with States.DataLimitExceeded after its alerts were stored and
// published (816 detections, 588 alerts: 286,926 bytes, the alerts whole), and the caller got a 500.
// POST /patterns refuses such a series first, with nothing stored.
// https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html (payload size)

import {
  ALERT_STATUSES,
  type Bar,
  PATTERN_FAMILIES,
  patternAlertId,
  patternId,
  scanBars,
} from "@stock-patterns/core";
import { STEP_FUNCTIONS_PAYLOAD_BYTES } from "@stock-patterns/core/catalog";
import { gradedOf, summarize } from "#analysis";
import type { AlertAnswer } from "./alert-answers";
import type { WorkflowAnswer } from "./analysis-actions";

/**
 * The most a workflow answer may take, in UTF-8 bytes of its JSON: Step Functions' 256 KiB, whole (what
 * resultSize measures is the answer at its largest, so no margin is kept).
 */
export const MAX_WORKFLOW_RESULT_BYTES = STEP_FUNCTIONS_PAYLOAD_BYTES;

/** The longest status an alert answered may have (a known alert keeps its own). */
const LONGEST_STATUS = ALERT_STATUSES.reduce((a, b) => (b.length > a.length ? b : a));

/** What an analysis of a series would answer, by size. */
export interface ResultSize {
  bytes: number;
  detections: number;
  alerts: number;
}

/**
 * The size of AlertDecision's answer for `bars` (the largest state of the workflow: the detections the
 * family branches and ConfidenceScoring pass on, graded, and the alerts they raise), made as its steps make
 * it, at its largest: every alert one raised before, under an id of an earlier release (of the same
 * length), in the longest status. (A known alert whose stored message an earlier release wrote otherwise
 * would answer that message too; none do.)
 *
 * @example
 * resultSize("SPX", "1d", bars) // { bytes: 6512, detections: 24, alerts: 11 }
 */
export function resultSize(symbol: string, interval: string, bars: readonly Bar[]): ResultSize {
  // As each family branch summarizes what it stores, and ConfidenceScoring grades them.
  const detections = gradedOf(
    Object.values(PATTERN_FAMILIES)
      .flatMap((codes) => scanBars(bars as Bar[], { patterns: codes }))
      .map((d) => summarize({ ...d, patternId: patternId(symbol, interval, d) })),
  );
  const alerts: AlertAnswer[] = detections.flatMap((d) =>
    d.severity === null
      ? []
      : [{ alertId: patternAlertId(symbol, interval, d), status: LONGEST_STATUS, created: false }],
  );
  const answer: WorkflowAnswer = { status: "COMPLETED", symbol, interval, detections, alerts };
  return {
    bytes: Buffer.byteLength(JSON.stringify(answer), "utf8"),
    detections: detections.length,
    alerts: alerts.length,
  };
}
