// The alert calls: the history with its filters and paging, one alert, and the detection it came from.
import { callApi } from "../api/client";
import type { Alert, Page, StoredPattern } from "../api/types";
import type { AlertFilters } from "../app/routes";
import { chartTime } from "../chart/chartData";

/**
 * One page of alerts, newest first; pass the previous page's cursor for the next one.
 * @example await listAlerts("k", { severity: "CRITICAL" })
 */
export async function listAlerts(
  apiKey: string,
  filters: AlertFilters,
  cursor?: string,
  signal?: AbortSignal,
): Promise<Page<Alert>> {
  return callApi<Page<Alert>>("GET", "/alerts", { apiKey, signal }, { query: { ...filters, cursor } });
}

/**
 * One alert by id (GET /alerts/{alertId}).
 * @example (await getAlert("k", "alr_…")).status // "PENDING_APPROVAL"
 */
export async function getAlert(apiKey: string, alertId: string, signal?: AbortSignal): Promise<Alert> {
  return callApi<Alert>("GET", `/alerts/${encodeURIComponent(alertId)}`, { apiKey, signal });
}

/**
 * The stored detection a pattern alert was raised for: GET /patterns narrowed to the alert's symbol,
 * pattern and detection time, matched by patternId. Undefined for threshold alerts or when not found.
 */
export async function findAlertPattern(
  apiKey: string,
  alert: Alert,
  signal?: AbortSignal,
): Promise<StoredPattern | undefined> {
  if (!alert.patternId || !alert.pattern) return undefined;
  const at = new Date(chartTime(alert.barTime) * 1000).toISOString();
  const page = await callApi<Page<StoredPattern>>(
    "GET",
    "/patterns",
    { apiKey, signal },
    { query: { symbol: alert.symbol, pattern: alert.pattern, from: at, to: at } },
  );
  return page.items.find((pattern) => pattern.patternId === alert.patternId);
}
