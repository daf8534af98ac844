// The alert calls: the history with its filters and paging, and one alert with its detection and bars.
import { callApi } from "../api/client";
import type { Alert, Page } from "../api/types";
import type { AlertFilters } from "../app/routes";

/** Alerts per history page: a screenful on a phone. */
export const HISTORY_PAGE_SIZE = 20;

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
  return callApi<Page<Alert>>(
    "GET",
    "/alerts",
    { apiKey, signal },
    { query: { ...filters, limit: HISTORY_PAGE_SIZE, cursor } },
  );
}

/**
 * One alert (GET /alerts/{alertId}); a pattern alert comes with its detection, pattern name and bars.
 * @example (await getAlert("k", "alr_…")).detection?.extrema.length
 */
export async function getAlert(apiKey: string, alertId: string, signal?: AbortSignal): Promise<Alert> {
  return callApi<Alert>("GET", `/alerts/${encodeURIComponent(alertId)}`, { apiKey, signal });
}
