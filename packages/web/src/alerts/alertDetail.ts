// Everything an alert's page shows, as GET /alerts/{alertId} answers it: the alert, its detection, its bars.
import type { Alert, Bar, Detection } from "../api/types";
import { barRows } from "../chart/barRows";
import { getAlert } from "./alertsApi";

/** An alert with what was detected and the bars to draw it on. */
export interface AlertDetail {
  alert: Alert;
  detection?: Detection;
  patternName?: string;
  bars: Bar[];
}

/**
 * The page's view of an alert: its detection and name as given, its bars read in either shape.
 * @example alertDetail(alert).bars.length // 34
 */
export function alertDetail(alert: Alert): AlertDetail {
  return { alert, detection: alert.detection, patternName: alert.patternName, bars: barRows(alert.bars) };
}

/** Loads one alert for its page. */
export async function loadAlertDetail(
  apiKey: string,
  alertId: string,
  signal?: AbortSignal,
): Promise<AlertDetail> {
  return alertDetail(await getAlert(apiKey, alertId, signal));
}
