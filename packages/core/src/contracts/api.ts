// The API's answers as schemas: what each route returns, documented in the OpenAPI document and typed
// for the console by z.infer.

import * as z from "zod";
import { alertSchema } from "../alerts/alert";
import { SEVERITIES } from "../alerts/severity";
import { approvalViewSchema } from "../approvals/approval";
import { PATTERN_CODES } from "../types";
import { API_KEY_ROLES } from "./key-roles";
import { evidenceSchema, outcomeSchema } from "./outcomes";

/** An RFC 9457 problem: the body of every error answer (application/problem+json). */
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    requestId: z.string().optional(),
    /** Each field that failed validation, by its path in the request (e.g. `body.bars.3.close`). */
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({
    id: "Problem",
    examples: [
      {
        type: "about:blank",
        title: "Invalid request",
        status: 400,
        detail: "1 invalid field(s) in the body",
        requestId: "0f6c1d0e-54a4-4b5e-8d3a-6b9c2f7e1a10",
        errors: [{ path: "body.bars", message: "at least 38 bars are needed to hold a pattern" }],
      },
    ],
  });

/** A 409 or 410 on a decision: the problem, with the approval as it stands (who decided it, or its end). */
export const approvalProblemSchema = problemSchema
  .extend({ approval: approvalViewSchema })
  .meta({ id: "ApprovalProblem" });

/** A 404 of GET /stats or GET /bars: the problem, with the listed symbol the one asked for was likely meant as. */
export const seriesProblemSchema = problemSchema
  .extend({
    meant: z
      .string()
      .optional()
      .describe(
        "For a series the stream has not seen: the one listed symbol of the interval near the one asked for (a letter off, or the same but for punctuation), when exactly one is.",
      ),
  })
  .meta({ id: "SeriesProblem" });

/** A 422 on POST /patterns: the problem, with the manual review the bars wait in. */
export const reviewProblemSchema = problemSchema
  .extend({ reviewId: z.string() })
  .meta({ id: "ReviewProblem" });

/** GET /health. */
export const healthSchema = z
  .object({ status: z.literal("ok"), time: z.string() })
  .meta({ id: "Health", examples: [{ status: "ok", time: "2024-03-04T21:00:00.000Z" }] });

/** One page of a listing; `cursor` fetches the next one (absent or null on the last page). */
export const pageOf = <Item extends z.ZodType>(item: Item) =>
  z.object({ items: z.array(item), cursor: z.string().nullable().optional() });

const extremumSchema = z.object({ time: z.string(), price: z.number(), kind: z.enum(["max", "min"]) });

/** A detection: the pattern, its extrema and confidence. */
export const detectionSchema = z.object({
  pattern: z.enum(PATTERN_CODES),
  start: z.string(),
  end: z.string(),
  detectedAt: z.string(),
  extrema: z.array(extremumSchema),
  confidence: z.number(),
});

/** One bar as stored and answered: its time as it was sent, the close, and the other prices when known. */
export const barSchema = z.object({
  time: z.string(),
  close: z.number(),
  open: z.number().optional(),
  high: z.number().optional(),
  low: z.number().optional(),
  volume: z.number().optional(),
});

/**
 * What happened after a detection (PATTERNS.md "Outcomes") as of the bar at `outcomeAsOf` (ISO UTC); the
 * stream follows every detection it stores, so both are absent only on detections it has not seen.
 */
const followedOutcome = {
  outcome: outcomeSchema.optional(),
  outcomeAsOf: z.string().optional(),
};

/** A stored detection, with the series it belongs to, the bars around it and its outcome so far. */
export const storedPatternSchema = detectionSchema
  .extend({
    patternId: z.string(),
    symbol: z.string(),
    interval: z.string(),
    name: z.string(),
    source: z.enum(["api", "stream"]),
    storedAt: z.string(),
    bars: z.array(barSchema),
    ...followedOutcome,
  })
  .meta({ id: "StoredPattern" });

/**
 * GET /alerts/{alertId}: a pattern alert comes with its detection, the pattern's name, its bars and the
 * detection's outcome so far (the alert's own `evidence` is what was known at detectedAt).
 */
export const alertDetailSchema = alertSchema
  .extend({
    detection: detectionSchema.optional(),
    patternName: z.string().optional(),
    bars: z.array(barSchema).optional(),
    ...followedOutcome,
  })
  .meta({ id: "AlertDetail" });

/**
 * POST /approve/{token} and POST /approvals/{id}/decision: decided now, or the same decision recorded before.
 * A repeat records nothing: a comment it gives that differs from the one recorded is handed back as
 * `commentNotRecorded`, so a caller is not left to believe it was kept.
 */
export const decisionAnswerSchema = z
  .object({
    outcome: z.enum(["decided", "repeated"]),
    approval: approvalViewSchema,
    commentNotRecorded: z.string().optional().meta({
      description:
        "On a repeat only: the comment this request gave, which was not recorded because it differs from the one recorded with the first decision (approval.comment, none when absent), which stands.",
    }),
  })
  .meta({ id: "DecisionAnswer" });

/** A stored detection without its extrema: what the workflow's steps carry and the analysis answers. */
export const detectionSummarySchema = z.object({
  patternId: z.string(),
  pattern: z.enum(PATTERN_CODES),
  name: z.string(),
  start: z.string(),
  end: z.string(),
  detectedAt: z.string(),
  confidence: z.number(),
});
export type DetectionSummary = z.infer<typeof detectionSummarySchema>;

/** A detection with the severity its confidence earns (null: no alert). */
export const gradedDetectionSchema = detectionSummarySchema.extend({
  severity: z.enum(SEVERITIES).nullable(),
});
export type GradedDetection = z.infer<typeof gradedDetectionSchema>;

const alertSummarySchema = alertSchema
  .pick({ alertId: true, severity: true, symbol: true, message: true, barTime: true, status: true })
  .extend({ created: z.boolean() });

/**
 * POST /patterns, 200: every detection graded with its outcome as of the last bar sent, the alerts raised,
 * and the evidence per code over the series sent (what `patterns scan --outcomes` and `patterns stats`
 * give for the same bars).
 */
export const analysisSchema = z
  .object({
    status: z.literal("COMPLETED"),
    symbol: z.string(),
    interval: z.string(),
    detections: z.array(gradedDetectionSchema.extend({ outcome: outcomeSchema })),
    alerts: z.array(alertSummarySchema),
    evidence: z.array(evidenceSchema),
    barCount: z.number().int(),
  })
  .meta({ id: "Analysis" });

/** POST /patterns, 202: a step failed for good; the bars wait for manual review. */
export const manualReviewSchema = z
  .object({
    status: z.literal("MANUAL_REVIEW"),
    reviewId: z.string(),
    symbol: z.string(),
    interval: z.string(),
  })
  .meta({ id: "ManualReview" });

export const alertsPageSchema = pageOf(alertSchema).meta({ id: "AlertPage" });
export const approvalsPageSchema = pageOf(approvalViewSchema).meta({ id: "ApprovalPage" });
export const patternsPageSchema = pageOf(storedPatternSchema).meta({ id: "PatternPage" });

export type Problem = z.infer<typeof problemSchema>;
export type AlertDetail = z.infer<typeof alertDetailSchema>;
export type DecisionAnswer = z.infer<typeof decisionAnswerSchema>;
export type Page<Item> = { items: Item[]; cursor?: string | null };

/**
 * GET /keys/me: the calling key's name and role, and the keyed operations (`METHOD /path`) that role may
 * call, the routes that need no key left out. Never the key or its hash.
 */
export const keyIdentitySchema = z
  .object({
    name: z.string(),
    role: z.enum(API_KEY_ROLES),
    may: z.array(z.string()),
  })
  .meta({
    id: "KeyIdentity",
    examples: [
      {
        name: "backtests",
        role: "analyst",
        may: [
          "POST /patterns",
          "GET /patterns",
          "GET /alerts",
          "GET /alerts/{alertId}",
          "GET /stats",
          "GET /bars",
          "GET /keys/me",
        ],
      },
    ],
  });

/** What GET /keys/me answers. */
export type KeyIdentity = z.infer<typeof keyIdentitySchema>;
