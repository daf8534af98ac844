// What the API accepts: every request body, query and path, as schemas. The app validates with them,
// the OpenAPI document describes them, and infra derives API Gateway's request models from them. A query
// schema is strict: a parameter it does not name is refused (a typo would otherwise list unfiltered data).

import * as z from "zod";
import { SEVERITIES } from "../alerts/severity";
import { ALERT_STATUSES } from "../alerts/status";
import { APPROVAL_ID, APPROVAL_STATUSES, DECISIONS } from "../approvals/decision";
import { askedTime } from "../bars/asked-time";
import { barProblem } from "../bars/rule";
import { ambiguousDate, instantOutsideYears, TIME_YEARS } from "../bars/time";
import { timeStyle } from "../bars/time-style";
import { sortableTime } from "../series/sortable-time";
import { PATTERN_CODES } from "../types";
import type { RequestModel } from "./api-routes";
import { pageQuery } from "./page-query";
import { readableText } from "./readable-text";
import { intervalSchema, MAX_BARS, MIN_BARS, symbolSchema } from "./series";

/** What a bar's time must be; said for a time that is none (missing, empty, Infinity, another type). */
const TIME_FORMS = "time must be an ISO 8601 date or datetime, or an epoch number";

/**
 * One bar of an analysis: its numbers must meet core's valid-bar rule (barProblem names the field),
 * the same rule the CLI and the stream apply. Its time's text and order are checked with the whole series.
 */
export const barInputSchema = z
  .object({
    time: z.union([z.string().min(1, TIME_FORMS), z.number()], { error: TIME_FORMS }).transform(String),
    close: z.number(),
    open: z.number().optional(),
    high: z.number().optional(),
    low: z.number().optional(),
    volume: z.number().optional(),
  })
  .superRefine((bar, ctx) => {
    const problem = barProblem(bar);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/**
 * POST /patterns: a series to analyse (at most MAX_BARS bars; more is a 413, checked by the route). Strict,
 * as every body is: a field it does not name is refused (a misspelt one would be dropped unread); a bar's
 * own keys follow barInputSchema's rule.
 */
export const analysisRequestSchema = z.strictObject({
  symbol: symbolSchema,
  interval: intervalSchema,
  bars: z
    .array(barInputSchema)
    .min(MIN_BARS, `at least ${MIN_BARS} bars are needed to hold a pattern`)
    // The route answers more with 413 before this is read: here, it is the document's maxItems.
    .max(MAX_BARS, `at most ${MAX_BARS.toLocaleString("en-US")} bars per request`),
});

/**
 * POST /approve/{token} and POST /approvals/{id}/decision: approve or reject, with an optional comment.
 * Strict: `{"decision":"reject","Comment":"…"}` is refused, not recorded without its comment.
 */
export const decisionRequestSchema = z.strictObject({
  decision: z.enum(DECISIONS),
  comment: readableText(1000).optional(),
});

/** The JSON body of each route that takes one, by the model name core's route list gives it. */
export const REQUEST_BODIES = {
  AnalyzePatternsRequest: analysisRequestSchema,
  ApprovalDecision: decisionRequestSchema,
} as const satisfies Record<RequestModel, z.ZodType>;

/**
 * A time given in a query as ISO UTC, to compare as text with stored times, or what is wrong with it. A
 * query time is a bar time (core's one rule, bars/time.ts), so an instant outside the years 0000 to 9999
 * in UTC (9999-12-31T23:59:59-12:00) is refused: its ISO form, +010000-01-01T11:59:59.000Z, sorts before
 * every four-digit year, so it would bound nothing as `from`; eight digits (20200102) are refused in the
 * bar's words, naming both readings. A year or a month (2019, 2019-06) is its first instant in UTC, and one
 * to three digits or five to seven are refused, as the CLI's --since reads them (bars/asked-time.ts).
 *
 * @example
 * queryTime("2020-01-02") // { time: "2020-01-02T00:00:00.000Z" }
 * queryTime("2019") // { time: "2019-01-01T00:00:00.000Z" }
 */
export function queryTime(value: string): { time: string } | { problem: string } {
  // A year or a month as its first instant; a short number refused (askedTime), as the CLI's options.
  const asked = askedTime(value);
  if ("problem" in asked) return asked;
  const time = sortableTime(asked.text);
  if (time !== undefined) return { time };
  if (instantOutsideYears(value) !== undefined) return { problem: `must be ${TIME_YEARS}` };
  // Eight digits look like an epoch number: say why they are none, as a bar's time is told.
  if (ambiguousDate(value) !== undefined) return { problem: timeStyle(value) };
  return { problem: "must be an ISO date, datetime, year, month or epoch number" };
}

/** A bar time in a query (ISO date, datetime or epoch number), read as ISO UTC; optional. */
export const timeQuery = z
  .string()
  .transform((value, ctx) => {
    const read = queryTime(value);
    if ("problem" in read) ctx.addIssue({ code: "custom", message: read.problem });
    return "time" in read ? read.time : "";
  })
  .optional();

/** GET /patterns: a symbol's stored detections, by detectedAt range and pattern. */
export const patternsQuerySchema = z
  .strictObject({
    symbol: symbolSchema.describe("The symbol whose stored detections are listed."),
    from: timeQuery.describe(
      "Lower bound of `detectedAt`: an ISO date, an ISO datetime, a year or a month (its first instant in UTC) or an epoch number, not after `to`.",
    ),
    to: timeQuery.describe(
      "Upper bound of `detectedAt`: an ISO date, an ISO datetime, a year or a month (its first instant in UTC) or an epoch number.",
    ),
    pattern: z
      .enum(PATTERN_CODES)
      .optional()
      .describe("One of the twelve pattern codes: only its detections are listed."),
    ...pageQuery,
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ["from"],
    message: "from must not be after to",
  });

/** GET /alerts: alerts by status, severity or symbol. */
export const alertsQuerySchema = z.strictObject({
  status: z.enum(ALERT_STATUSES).optional().describe("Only the alerts in this status."),
  severity: z.enum(SEVERITIES).optional().describe("Only the alerts of this severity."),
  symbol: symbolSchema
    .optional()
    .describe("Only this symbol's alerts, listed from an index of each symbol's alerts."),
  ...pageQuery,
});

/** An alert's id, as GET /alerts/{alertId} and GET /approvals?alertId= take it. */
const alertIdSchema = z.string().regex(/^alr_[A-Za-z0-9_]{1,64}$/, "not an alert id");

/**
 * GET /approvals: approval requests by status, PENDING when none is given; one alert's with `alertId`.
 * `decidable=true` leaves out PENDING ones past their deadline that nothing has closed yet (listed by default,
 * marked `expired`), so a page holds ones that can still be decided; it needs status PENDING.
 */
export const approvalsQuerySchema = z
  .strictObject({
    status: z
      .enum(APPROVAL_STATUSES)
      .default("PENDING")
      .describe("Lists the requests in this status; `PENDING` when absent."),
    alertId: alertIdSchema
      .optional()
      .describe("Lists only the requests of the alert with this id (`alr_…`)."),
    decidable: z
      .enum(["true", "false"])
      .optional()
      .transform((value) => value === "true")
      .describe(
        "`true` lists only the PENDING requests that can still be decided, leaving out those past their hour, and needs `status` PENDING; `false`, the default, lists every one.",
      ),
    ...pageQuery,
  })
  .refine((query) => !query.decidable || query.status === "PENDING", {
    path: ["decidable"],
    message: "decidable=true lists PENDING approvals only: no other status can be decided",
  });

/** The query of a route that takes no parameter (every POST, GET /alerts/{alertId}, …): any one is refused. */
export const noQuerySchema = z.strictObject({});

/** GET /alerts/{alertId}. */
export const alertIdPathSchema = z.object({
  alertId: alertIdSchema.describe("The alert's id (`alr_…`)."),
});

/** GET /approvals/{token} and POST /approve/{token}: an approval link's one-time token. */
export const tokenPathSchema = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,128}$/, "not an approval token")
    .describe("The one-time token of the approve link the approval request was sent with."),
});

/** POST /approvals/{id}/decision: the approval's id (its token's SHA-256, hex). */
export const approvalIdPathSchema = z.object({
  id: z
    .string()
    .regex(APPROVAL_ID, "not an approval id")
    .describe("The approval's `id` as `GET /approvals` lists it: its token's SHA-256, in hex."),
});
