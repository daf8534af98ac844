// The alert calls: the history with its filters and paging, and one alert with its detection and bars.
import { callApi } from "../api/client";
import type { Alert, Page } from "../api/types";
import type { AlertFilters } from "../app/routes";

/** Alerts per history page: a screenful on a phone. */
export const HISTORY_PAGE_SIZE = 20;

/**
 * Requests made at most to fill one history page. The API reads a bounded stretch of alerts per request,
 * so a filter that matches little answers short pages with a cursor; the page follows it this many times.
 */
export const HISTORY_REQUESTS_PER_PAGE = 5;

/**
 * One history page of alerts, newest first; pass the previous page's cursor for the next one. It follows the
 * API's cursor until the page holds HISTORY_PAGE_SIZE alerts, the alerts run out or it made
 * HISTORY_REQUESTS_PER_PAGE requests; so it may come back short, or empty, with a cursor to search on.
 * @example await listAlerts("k", { severity: "CRITICAL" })
 */
export async function listAlerts(
  apiKey: string,
  filters: AlertFilters,
  cursor?: string,
  signal?: AbortSignal,
): Promise<Page<Alert>> {
  const items: Alert[] = [];
  let next = cursor;
  for (let request = 0; request < HISTORY_REQUESTS_PER_PAGE; request++) {
    const page = await callApi<Page<Alert>>(
      "GET",
      "/alerts",
      { apiKey, signal },
      { query: { ...filters, limit: HISTORY_PAGE_SIZE - items.length, cursor: next } },
    );
    items.push(...page.items);
    next = page.cursor ?? undefined;
    if (!next || items.length >= HISTORY_PAGE_SIZE) break;
  }
  return { items, cursor: next };
}

/**
 * One alert (GET /alerts/{alertId}); a pattern alert comes with its detection, pattern name and bars.
 * @example (await getAlert("k", "alr_…")).detection?.extrema.length
 */
export async function getAlert(apiKey: string, alertId: string, signal?: AbortSignal): Promise<Alert> {
  return callApi<Alert>("GET", `/alerts/${encodeURIComponent(alertId)}`, { apiKey, signal });
}
