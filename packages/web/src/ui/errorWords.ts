// Words for a failed request: what the API refused, field by field, or why nothing came back. Pages and
// loaders both use them (an alert's page names why its bars since could not be read).
import { ApiError, ApiTimeout, type FieldProblem } from "../api/problem";
import { formatTimeLeft } from "./timeLeft";

/**
 * What the API found wrong in the request, field by field ("symbol: symbol must be 1-20 letters, …"), so a
 * refused filter names itself; the `query.`/`body.`/`path.` prefix is the API's, not the page's.
 * @example fieldWords([{ path: "query.asOf", message: "must be an ISO date" }]) // "asOf: must be an ISO date"
 */
export function fieldWords(fields: readonly FieldProblem[]): string {
  return fields
    .map((field) => `${field.path.replace(/^(query|body|path)\./, "")}: ${field.message}`)
    .join("; ");
}

/**
 * When a 429 or 503 asked to be asked again (its Retry-After), as a sentence to follow the error's own; ""
 * when it did not say, or said now. The console waits that long before asking again by itself.
 * @example askedToWait(new ApiError(429, "Too many requests", undefined, [], {}, { ms: 330_000, at }))
 * // " The API asked to wait 5 min 30 s before trying again (until 09:45:12 UTC)."
 */
export function askedToWait(error: unknown): string {
  if (!(error instanceof ApiError) || error.retryAfter === undefined || error.retryAfter.ms <= 0) return "";
  const { ms, at } = error.retryAfter;
  const until = new Date(at).toISOString().slice(11, 19);
  return ` The API asked to wait ${formatTimeLeft(Math.ceil(ms / 1000))} before trying again (until ${until} UTC).`;
}

/** Words for an error from the API (or anything else thrown while loading). */
export function describeError(error: unknown): string {
  if (error instanceof ApiTimeout) return `The API did not answer within ${error.timeoutMs / 1000} s.`;
  if (error instanceof ApiError) {
    if (error.status === 0) return `The API could not be reached (${error.detail ?? "network error"}).`;
    // The API's reason: a 403 is the key's role only when the app says so, not when a firewall in front of
    // it (a country refused, a rule matched) blocked the request.
    if (error.status === 403)
      return error.detail
        ? `The API refused this: ${error.detail.replace(/\.$/, "")}.`
        : "Your key may not see this.";
    if (error.status === 404) return `Not found${error.detail ? `: ${error.detail}` : ""}.`;
    if (error.fields.length > 0) return `The API refused this request (${fieldWords(error.fields)}).`;
    const wait = askedToWait(error);
    return `The API answered ${error.status}: ${error.message}${wait ? `.${wait}` : ""}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Whether asking again could bring another answer: not when the API named what it found wrong in the request
 * (a refused filter or question), which the same request meets again; the way on is to change it.
 * @example canRetry(new ApiError(400, "Bad Request", undefined, [{ path: "query.symbol", message: "…" }])) // false
 */
export function canRetry(error: unknown): boolean {
  return !(error instanceof ApiError && error.fields.length > 0);
}
