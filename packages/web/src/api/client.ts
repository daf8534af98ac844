// The one place that speaks HTTP to the API: base URL, X-API-Key, JSON in and out, problem+json errors.
import { apiBaseUrl } from "./config";
import { ApiError, networkError, problemError } from "./problem";

/** What every API call needs: the key and (optionally) a signal to abandon it. */
export interface RequestContext {
  apiKey: string;
  signal?: AbortSignal;
  /** Overrides the configured base URL (tests). */
  baseUrl?: string;
}

/** Query parameters; undefined and empty values are left out. */
export type Query = Record<string, string | number | undefined>;

/**
 * Joins base URL, path and query.
 * @example apiUrl("", "/alerts", { status: "PENDING", symbol: "" }) // "/alerts?status=PENDING"
 */
export function apiUrl(base: string, path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(name, String(value));
  }
  const search = params.toString();
  return `${base}${path}${search ? `?${search}` : ""}`;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * Calls the API and returns the parsed JSON body; throws ApiError for any non-2xx answer or network failure.
 * @example await callApi<{ items: Alert[] }>("GET", "/alerts", { apiKey }, { query: { status: "APPROVED" } })
 */
export async function callApi<T>(
  method: "GET" | "POST",
  path: string,
  context: RequestContext,
  options: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const url = apiUrl(context.baseUrl ?? apiBaseUrl(), path, options.query);
  const headers: Record<string, string> = { accept: "application/json", "x-api-key": context.apiKey };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: context.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw networkError(error);
  }
  const body = await readBody(response);
  if (!response.ok) throw problemError(response.status, body, response.statusText);
  return body as T;
}

export { ApiError };
