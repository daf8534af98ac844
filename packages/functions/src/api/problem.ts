// Errors as RFC 9457 problem details (application/problem+json): status, title, detail, field paths.

import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { shown } from "./shown";

/** One field that failed validation, by its path in the request (e.g. `body.bars.3.close`). */
export interface FieldError {
  path: string;
  message: string;
}

/** The body of every error answer. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** An error that becomes a problem answer; thrown from routes and middleware. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = "ProblemError";
  }
}

/** A validation issue as Standard Schema reports it (zod's issues are of this shape). */
export interface ValidationIssue {
  message: string;
  path?: readonly (PropertyKey | { key: PropertyKey })[];
}

/**
 * Most invalid fields a 400 lists. A 2 MiB body can hold 100,000 bad bars, and listing each one answered
 * megabytes: over 6 MB a Lambda answer is refused and API Gateway answers its own bare 502.
 */
export const LISTED_FIELD_ERRORS = 50;

/** A 400 listing the invalid fields of `where` (body, query or path): their count and the first ones. */
export function validationProblem(
  where: "body" | "query" | "path",
  issues: readonly ValidationIssue[],
): ProblemError {
  const errors: FieldError[] = issues.slice(0, LISTED_FIELD_ERRORS).map((issue) => ({
    path: [
      where,
      // A name as the caller sent it (an unknown parameter or key) quoted and escaped as its message writes it.
      ...(issue.path ?? []).map((part) => shown(String(typeof part === "object" ? part.key : part))),
    ].join("."),
    message: issue.message,
  }));
  const listed = issues.length > errors.length ? `; the first ${errors.length} are listed` : "";
  return new ProblemError(
    400,
    "Invalid request",
    `${issues.length} invalid field(s) in the ${where}${listed}`,
    {
      errors,
    },
  );
}

/**
 * Answers a problem with its content type, carrying the request id so logs can be found.
 *
 * @example
 * return problemResponse(c, new ProblemError(404, "Not found", "no approval for this token"));
 */
export function problemResponse(c: Context, problem: ProblemError): Response {
  const body: Problem = {
    type: "about:blank",
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    requestId: c.get("requestId"),
    ...problem.extensions,
  };
  return c.body(JSON.stringify(body), problem.status, {
    "Content-Type": "application/problem+json",
    ...problem.headers,
  });
}
