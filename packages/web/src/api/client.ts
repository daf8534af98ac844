// The one place that speaks HTTP to the API: base URL, X-API-Key, JSON in and out, problem+json errors.
import { RETRY_AFTER_HEADER } from "@stock-patterns/core/contracts";
import { apiBaseUrl } from "./config";
import { ApiError, ApiTimeout, networkError, problemError, type RetryAfter } from "./problem";
import { retryAfterMs } from "./retryAfter";

/**
 * How long a request may wait for its whole answer: a little over API Gateway's 29 s integration limit, so
 * every answer the API can give arrives first, while a stalled connection no longer leaves a page
 * "Loading…" or a decision "Sending…" for good.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/** The statuses whose Retry-After says when to ask again (RFC 9110 section 10.2.3; the API sends it on both). */
const SAYS_WHEN = new Set([429, 503]);

/** When a refused answer asked to be asked again, if it is a 429 or 503 with a readable Retry-After. */
function retryAfterOf(response: Response, now: number): RetryAfter | undefined {
  if (!SAYS_WHEN.has(response.status)) return undefined;
  const ms = retryAfterMs(response.headers.get(RETRY_AFTER_HEADER), now);
  return ms === undefined ? undefined : { ms, at: now + ms };
}

/** What every API call needs: the key and (optionally) a signal to abandon it. */
export interface RequestContext {
  apiKey: string;
  signal?: AbortSignal;
  /** Overrides the configured base URL (tests). */
  baseUrl?: string;
  /** Overrides REQUEST_TIMEOUT_MS (tests). */
  timeoutMs?: number;
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
  const timeoutMs = context.timeoutMs ?? REQUEST_TIMEOUT_MS;
  // The caller's signal abandons the request; the deadline covers the body too, which can stall as well.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const signal = context.signal ? AbortSignal.any([context.signal, deadline.signal]) : deadline.signal;
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal,
    });
    body = await readBody(response);
  } catch (error) {
    if (context.signal?.aborted) throw error;
    if (deadline.signal.aborted) throw new ApiTimeout(timeoutMs);
    throw networkError(error);
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok)
    throw problemError(response.status, body, response.statusText, retryAfterOf(response, Date.now()));
  return body as T;
}

export { ApiError };
