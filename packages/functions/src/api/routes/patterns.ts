// /patterns: run an analysis through PatternAnalysisWorkflow, and page through stored detections.

import { StartSyncExecutionCommand } from "@aws-sdk/client-sfn";
import { BarsError, counted, parseBarsJson } from "@stock-patterns/core";
import {
  analysisRequestSchema,
  MAX_BARS,
  noQuerySchema,
  patternsQuerySchema,
} from "@stock-patterns/core/contracts";
import { Hono, type MiddlewareHandler } from "hono";
import { followed, listPatterns, packBars } from "#analysis";
import { sfn } from "#aws";
import { linked } from "#config";
import { logger } from "#observability";
import {
  analysisOf,
  MAX_WORKFLOW_RESULT_BYTES,
  type ManualReviewResult,
  resultSize,
  type WorkflowAnswer,
} from "#workflow";
import { type ApiVariables, requireRole } from "../auth";
import { ProblemError } from "../problem";
import { isJsonType, validate } from "../validation";

/** Step Functions accepts at most 256 KB of execution input; keep a margin for the envelope. */
export const MAX_WORKFLOW_INPUT_BYTES = 250_000;

export const patterns = new Hono<{ Variables: ApiVariables }>();

/**
 * More than MAX_BARS bars is a 413 before any bar is checked: the answer is the count whatever else is
 * wrong, and a body of thousands of bad bars is not validated bar by bar first. A body that is not JSON,
 * or not UTF-8, is left to the validator, which answers it (415 or 400); the parsed body is kept for it,
 * and its bytes, read first so that the validator's UTF-8 check reads them as sent (requireUtf8Body).
 */
const atMostMaxBars: MiddlewareHandler = async (c, next) => {
  if (isJsonType(c.req.header("Content-Type") ?? "")) {
    await c.req.arrayBuffer();
    const body: unknown = await c.req.json().catch(() => undefined);
    const bars = typeof body === "object" && body !== null ? (body as { bars?: unknown }).bars : undefined;
    if (Array.isArray(bars) && bars.length > MAX_BARS) {
      throw new ProblemError(
        413,
        "Too many bars",
        `${bars.length} bars given; at most ${MAX_BARS} per request`,
      );
    }
  }
  await next();
};

// Not a read: an analysis stores detections and raises alerts (a CRITICAL one asks a person to approve).
patterns.post(
  "/",
  requireRole("analyst"),
  atMostMaxBars,
  validate("query", noQuerySchema),
  validate("json", analysisRequestSchema),
  async (c) => {
    const { symbol, interval, bars: raw } = c.req.valid("json");
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
    // Its answer must fit Step Functions' state quota too, or the workflow fails once its alerts are out.
    const answer = resultSize(symbol, interval, bars);
    if (answer.bytes > MAX_WORKFLOW_RESULT_BYTES) {
      throw new ProblemError(
        413,
        "Series too large",
        `the bars give ${counted(answer.detections, "detection")} and ${counted(answer.alerts, "alert")}, ` +
          `${answer.bytes.toLocaleString("en-US")} bytes of answer where the workflow carries at most ` +
          `${MAX_WORKFLOW_RESULT_BYTES.toLocaleString("en-US")}; send fewer bars (nothing was stored)`,
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
    const result = JSON.parse(execution.output) as WorkflowAnswer | ManualReviewResult;
    if (result.status === "MANUAL_REVIEW") {
      if (result.reason) {
        throw new ProblemError(422, "Bars could not be analysed", result.reason, {
          reviewId: result.reviewId,
        });
      }
      return c.json({ status: result.status, reviewId: result.reviewId, symbol, interval }, 202);
    }
    const analysis = analysisOf(result);
    return c.json({ ...analysis, ...followed(bars, analysis.detections), barCount: bars.length }, 200);
  },
);

patterns.get("/", requireRole("reader"), validate("query", patternsQuerySchema), async (c) => {
  const query = c.req.valid("query");
  return c.json(await listPatterns(query));
});
