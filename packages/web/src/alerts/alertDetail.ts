// Everything an alert's page shows, gathered from the API: the alert, its detection (extrema, name) and bars.
import type { Alert, Bar, Detection, StoredPattern } from "../api/types";
import { barRows } from "../chart/barRows";
import { findAlert, findAlertPattern } from "./alertsApi";

/** An alert with what was detected and the bars to draw it on. */
export interface AlertDetail {
  alert: Alert;
  detection?: Detection;
  patternName?: string;
  bars: Bar[];
  /** Why the detection could not be loaded, when it could not. */
  detectionProblem?: string;
}

/**
 * Combines an alert with its stored detection: the alert's own fields win, the stored pattern fills gaps.
 * @example alertDetail(alert, pattern).patternName // "head-and-shoulders"
 */
export function alertDetail(alert: Alert, pattern?: StoredPattern): AlertDetail {
  return {
    alert,
    detection: alert.detection ?? pattern,
    patternName: alert.patternName ?? pattern?.name,
    bars: barRows(alert.bars ?? pattern?.bars),
  };
}

/** Loads an alert and, when the alert does not carry them, its detection and name from GET /patterns. */
export async function loadAlertDetail(
  apiKey: string,
  alertId: string,
  symbol?: string,
  signal?: AbortSignal,
): Promise<AlertDetail> {
  const alert = await findAlert(apiKey, alertId, symbol, signal);
  const complete = alert.source !== "pattern" || (alert.detection && alert.patternName);
  if (complete) return alertDetail(alert);
  try {
    const pattern = await findAlertPattern(apiKey, alert, signal);
    const detail = alertDetail(alert, pattern);
    return pattern ? detail : { ...detail, detectionProblem: "The detection of this alert was not found." };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ...alertDetail(alert), detectionProblem: `The detection could not be loaded: ${reason}` };
  }
}
