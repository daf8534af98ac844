// Everything an alert's page shows: the alert, its detection and outcome as GET /alerts/{alertId} answers
// them, its bars, and for a followed detection the bars since (barsSince).
import { BARS_AFTER_DECISION } from "@stock-patterns/core/vocabulary";
import { ApiError } from "../api/problem";
import type { Alert, Bar, Detection } from "../api/types";
import { barRows } from "../chart/barRows";
import { chartTime } from "../chart/chartData";
import { isLive } from "../outcomes/lifecycle";
import { describeError } from "../ui/errorWords";
import { getAlert } from "./alertsApi";
import { type BarsSinceSource, barsSince } from "./barsSince";
import type { Following } from "./barsSinceWords";

/** An alert with what was detected and the bars to draw it on. */
export interface AlertDetail {
  alert: Alert;
  detection?: Detection;
  patternName?: string;
  /** The detection's own bars, then (for a followed detection) the bars after detectedAt. */
  bars: Bar[];
  /** For a followed detection: how many of `bars` came after detectedAt, and from where. */
  since?: BarsSinceSource;
  /** Why the bars since the detection could not be read (the alert itself was): the chart ends at the detection. */
  sinceProblem?: string;
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
  try {
    const { bars: after, ...since } = await barsSince(
      { apiKey, signal },
      alert,
      detection,
      alert.outcome,
      bars,
    );
    return { ...detail, bars: [...bars, ...after], since };
  } catch (error) {
    // The bars since are an addition to the alert: their failure must not hide it, nor an approval's decision.
    // A refused key still ends the session, and an abandoned load stays abandoned.
    if (signal?.aborted || (error instanceof ApiError && error.status === 401)) throw error;
    return { ...detail, sinceProblem: describeError(error) };
  }
}

/**
 * What new bars the page still waits for: any while the outcome is open; after the decision, the
 * BARS_AFTER_DECISION bars past the deciding bar while the stream holds every bar since the detection
 * (the page stops asking once they are drawn, or when it cannot draw them).
 * @example following(detail) // "open"
 */
export function following(detail: AlertDetail | undefined): Following {
  const outcome = detail?.alert.outcome;
  if (isLive(outcome)) return "open";
  if (!outcome?.resolvedAt || !detail?.since?.complete) return undefined;
  const decidedAt = chartTime(outcome.resolvedAt);
  const past = detail.bars.filter((bar) => chartTime(bar.time) > decidedAt).length;
  return past < BARS_AFTER_DECISION ? "decided" : undefined;
}
