// /patterns: run an analysis through PatternAnalysisWorkflow, and page through stored detections.

import { StartSyncExecutionCommand } from "@aws-sdk/client-sfn";
import { BarsError, PATTERN_CODES, parseBarsJson } from "@stock-patterns/core";
import { Hono } from "hono";
import { z } from "zod";
import { packBars } from "../../analysis/compact-bars";
import { listPatterns } from "../../analysis/repository";
import { intervalSchema, MAX_BARS, MIN_BARS, symbolSchema } from "../../analysis/series";
import { sfn } from "../../aws/clients";
import { linked } from "../../config/resources";
import { logger } from "../../observability/logger";
import { sortableTime } from "../../repositories/sortable-time";
import type { AnalysisResult, ManualReviewResult } from "../../workflow/analysis-actions";
import { type ApiVariables, requireRole } from "../auth";
import { pageQuery } from "../page-query";
import { ProblemError } from "../problem";
import { validate } from "../validation";

/** Step Functions accepts at most 256 KB of execution input; keep a margin for the envelope. */
export const MAX_WORKFLOW_INPUT_BYTES = 250_000;

const barSchema = z.object({
  time: z.union([z.string().min(1), z.number()]).transform(String),
  close: z.number(),
  open: z.number().optional(),
  high: z.number().optional(),
  low: z.number().optional(),
  volume: z.number().nonnegative().optional(),
});

const analysisSchema = z.object({
  symbol: symbolSchema,
  interval: intervalSchema,
  bars: z.array(barSchema).min(MIN_BARS, `at least ${MIN_BARS} bars are needed to hold a pattern`),
});

const timeQuery = z
  .string()
  .transform((value, ctx) => {
    const time = sortableTime(value);
    if (!time) ctx.addIssue({ code: "custom", message: "must be an ISO date, datetime or epoch number" });
    return time ?? "";
  })
  .optional();

const listSchema = z
  .object({
    symbol: symbolSchema,
    from: timeQuery,
    to: timeQuery,
    pattern: z.enum(PATTERN_CODES).optional(),
    ...pageQuery,
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ["from"],
    message: "from must not be after to",
  });

export const patterns = new Hono<{ Variables: ApiVariables }>();

patterns.post("/", requireRole("reader"), validate("json", analysisSchema), async (c) => {
  const { symbol, interval, bars: raw } = c.req.valid("json");
  if (raw.length > MAX_BARS) {
    throw new ProblemError(413, "Too many bars", `${raw.length} bars given; at most ${MAX_BARS} per request`);
  }
  let bars: ReturnType<typeof parseBarsJson>;
  try {
    bars = parseBarsJson(raw);
  } catch (error) {
    if (!(error instanceof BarsError)) throw error;
    const path = error.row === undefined ? "body.bars" : `body.bars.${error.row - 1}`;
    throw new ProblemError(400, "Invalid request", error.message, {
      errors: [{ path, message: error.message }],
    });
  }
  const input = JSON.stringify({ symbol, interval, bars: packBars(bars) });
  if (Buffer.byteLength(input) > MAX_WORKFLOW_INPUT_BYTES) {
    throw new ProblemError(
      413,
      "Series too large",
      "the bars exceed the workflow's 256 KB input; send fewer bars",
    );
  }
  const execution = await sfn().send(
    new StartSyncExecutionCommand({ stateMachineArn: linked("PatternAnalysisWorkflow", "arn"), input }),
  );
  if (execution.status !== "SUCCEEDED" || !execution.output) {
    logger.error("Pattern analysis failed", {
      requestId: c.get("requestId"),
      executionArn: execution.executionArn,
      status: execution.status,
      error: execution.error,
      cause: execution.cause,
    });
    throw new Error(`workflow ended ${execution.status}`);
  }
  const result = JSON.parse(execution.output) as AnalysisResult | ManualReviewResult;
  if (result.status === "MANUAL_REVIEW") {
    if (result.reason) {
      throw new ProblemError(422, "Bars could not be analysed", result.reason, { reviewId: result.reviewId });
    }
    return c.json({ status: result.status, reviewId: result.reviewId, symbol, interval }, 202);
  }
  return c.json({ ...result, barCount: bars.length }, 200);
});

patterns.get("/", requireRole("reader"), validate("query", listSchema), async (c) => {
  const query = c.req.valid("query");
  return c.json(await listPatterns(query));
});
