// /patterns: run an analysis through PatternAnalysisWorkflow, and page through stored detections.

import { StartSyncExecutionCommand } from "@aws-sdk/client-sfn";
import { BarsError, parseBarsJson } from "@stock-patterns/core";
import { analysisRequestSchema, MAX_BARS, patternsQuerySchema } from "@stock-patterns/core/contracts";
import { Hono } from "hono";
import { followed, listPatterns, packBars } from "#analysis";
import { sfn } from "#aws";
import { linked } from "#config";
import { logger } from "#observability";
import type { AnalysisResult, ManualReviewResult } from "#workflow";
import { type ApiVariables, requireRole } from "../auth";
import { ProblemError } from "../problem";
import { validate } from "../validation";

/** Step Functions accepts at most 256 KB of execution input; keep a margin for the envelope. */
export const MAX_WORKFLOW_INPUT_BYTES = 250_000;

export const patterns = new Hono<{ Variables: ApiVariables }>();

patterns.post("/", requireRole("reader"), validate("json", analysisRequestSchema), async (c) => {
  const { symbol, interval, bars: raw } = c.req.valid("json");
  if (raw.length > MAX_BARS) {
    throw new ProblemError(413, "Too many bars", `${raw.length} bars given; at most ${MAX_BARS} per request`);
  }
  let bars: ReturnType<typeof parseBarsJson>;
  try {
    bars = parseBarsJson(raw);
  } catch (error) {
    if (!(error instanceof BarsError)) throw error;
    // The path names the bar (from 0), so the message leaves out BarsError's "row N" (from 1).
    const path = error.row === undefined ? "body.bars" : `body.bars.${error.row - 1}`;
    const message = error.row === undefined ? error.message : `${path}: ${error.reason}`;
    throw new ProblemError(400, "Invalid request", message, {
      errors: [{ path, message: error.reason }],
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
  return c.json({ ...result, ...followed(bars, result.detections), barCount: bars.length }, 200);
});

patterns.get("/", requireRole("reader"), validate("query", patternsQuerySchema), async (c) => {
  const query = c.req.valid("query");
  return c.json(await listPatterns(query));
});
