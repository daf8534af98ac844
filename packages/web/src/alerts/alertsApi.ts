// The alert calls: the history with its filters and paging, one alert, and the detection it came from.
import { ApiError, callApi } from "../api/client";
import type { Alert, Page, StoredPattern } from "../api/types";
import type { AlertFilters } from "../app/routes";
import { chartTime } from "../chart/chartData";

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

/** Pages of 100 alerts searched at most for one alert. */
const MAX_SEARCH_PAGES = 50;

/**
 * One alert by id. The API has no GET /alerts/{alertId} (see docs/console.md), so this pages through
 * GET /alerts narrowed to the alert's symbol when known; throws ApiError(404) when it is not there.
 * @example (await findAlert("k", "alr_…", "SPX")).status // "PENDING_APPROVAL"
 */
export async function findAlert(
  apiKey: string,
  alertId: string,
  symbol?: string,
  signal?: AbortSignal,
): Promise<Alert> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
    const result = await callApi<Page<Alert>>(
      "GET",
      "/alerts",
      { apiKey, signal },
      { query: { symbol, limit: 100, cursor } },
    );
    const alert = result.items.find((item) => item.alertId === alertId);
    if (alert) return alert;
    cursor = result.cursor ?? undefined;
    if (!cursor) break;
  }
  throw new ApiError(404, "Not found", `no alert ${alertId}${symbol ? ` for ${symbol}` : ""}`);
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
