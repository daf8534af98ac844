// The API answers errors as application/problem+json; this turns them into one error type for the UI.
import { statusWords } from "./statusWords";

/** One field-level validation failure, as the API reports it. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** When the API asked to be asked again (a 429's or 503's Retry-After), as read on its answer. */
export interface RetryAfter {
  /** How long it asked to wait, in milliseconds. */
  ms: number;
  /** Until when (ms since the epoch): the answer's arrival plus `ms`. */
  at: number;
}

/** An HTTP error from the API, carrying the problem document's title and detail. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly fields: FieldProblem[];
  /** The whole problem document, for extensions such as `approval` on a 409. */
  readonly body: Record<string, unknown>;
  /** On a 429 or 503 that said so: when the API asked to be asked again. */
  readonly retryAfter?: RetryAfter;

  constructor(
    status: number,
    title: string,
    detail?: string,
    fields: FieldProblem[] = [],
    body: Record<string, unknown> = {},
    retryAfter?: RetryAfter,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = "ApiError";
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.fields = fields;
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (typeof item !== "object" || item === null) return [];
    const { path, message } = item as { path?: unknown; message?: unknown };
    const joined = Array.isArray(path) ? path.join(".") : typeof path === "string" ? path : "";
    return [{ path: joined, message: typeof message === "string" ? message : "invalid" }];
  });
}

/**
 * Builds an ApiError from a response status and its parsed body (a problem document or anything else), with
 * when to try again where a 429 or 503 said so.
 * @example problemError(410, { title: "Gone", detail: "approval expired" }).detail // "approval expired"
 */
export function problemError(
  status: number,
  body: unknown,
  statusText = "",
  retryAfter?: RetryAfter,
): ApiError {
  if (typeof body === "object" && body !== null) {
    const doc = body as Record<string, unknown>;
    const title = typeof doc.title === "string" ? doc.title : statusWords(status, statusText);
    const detail = typeof doc.detail === "string" ? doc.detail : undefined;
    return new ApiError(status, title, detail, fieldProblems(doc.errors), doc, retryAfter);
  }
  // A plain-text body is the answer's own words; a web page (a proxy's or a CDN's error page in front of the
  // API) is markup, which read as words put tags in the page's sentence.
  const trimmed = typeof body === "string" ? body.trim() : "";
  const text = trimmed !== "" && !trimmed.startsWith("<") ? trimmed.slice(0, 200) : undefined;
  return new ApiError(status, statusWords(status, statusText), text, [], {}, retryAfter);
}

/** A request that never reached the API (offline, DNS, CORS): status 0. */
export function networkError(cause: unknown): ApiError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ApiError(0, "The API could not be reached", reason);
}

/**
 * A request the API took and did not answer in time (status 0, like a network error): whether it had an
 * effect is not known.
 * @example new ApiTimeout(30_000).detail // "no answer within 30 s"
 */
export class ApiTimeout extends ApiError {
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(0, "The API did not answer", `no answer within ${timeoutMs / 1000} s`);
    this.name = "ApiTimeout";
    this.timeoutMs = timeoutMs;
  }
}
