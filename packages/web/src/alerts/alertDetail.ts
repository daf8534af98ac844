// Everything an alert's page shows: the alert, its detection and outcome as GET /alerts/{alertId} answers
// them, its bars, and for a followed detection the bars since (laterBars).
import type { Alert, Bar, Detection } from "../api/types";
import { barRows } from "../chart/barRows";
import { getAlert } from "./alertsApi";
import { laterBars } from "./laterBars";

/** An alert with what was detected and the bars to draw it on. */
export interface AlertDetail {
  alert: Alert;
  detection?: Detection;
  patternName?: string;
  /** The detection's own bars, then (for a followed detection) the bars after detectedAt. */
  bars: Bar[];
  /** How many of `bars` came after detectedAt. */
  barsAfter?: number;
}

/**
 * The page's view of an alert: its detection and name as given, its bars read in either shape.
 * @example alertDetail(alert).bars.length // 34
 */
export function alertDetail(alert: Alert): AlertDetail {
  return { alert, detection: alert.detection, patternName: alert.patternName, bars: barRows(alert.bars) };
}

/** Loads one alert for its page; a detection with an outcome comes with the bars since it was detected. */
export async function loadAlertDetail(
  apiKey: string,
  alertId: string,
  signal?: AbortSignal,
): Promise<AlertDetail> {
  const detail = alertDetail(await getAlert(apiKey, alertId, signal));
  const { alert, detection, bars } = detail;
  if (!alert.outcome || !detection) return detail;
  const after = await laterBars({ apiKey, signal }, alert, detection, alert.outcome, bars);
  return { ...detail, bars: [...bars, ...after], barsAfter: after.length };
}
