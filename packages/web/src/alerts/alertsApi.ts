// The alert calls: the history with its filters and paging, and one alert with its bars.
import { callApi } from "../api/client";
import type { Alert, Page } from "../api/types";
import type { AlertFilters } from "../app/routes";

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
 * One alert with the bars around its pattern.
 * @example (await getAlert("k", "a-1")).bars?.length
 */
export async function getAlert(apiKey: string, alertId: string, signal?: AbortSignal): Promise<Alert> {
  return callApi<Alert>("GET", `/alerts/${encodeURIComponent(alertId)}`, { apiKey, signal });
}
