// PatternAnalysisWorkflow's failure path against Step Functions' 256 KiB state payload quota, with the
// largest input POST /patterns starts it with: a step that fails for good still reaches ManualReview.

import { ALERT_STATUSES, type Bar } from "@stock-patterns/core";
import { MAX_BARS } from "@stock-patterns/core/contracts";
import { patternAnalysisDefinition } from "@stock-patterns/core/workflow";
import { describe, expect, it } from "vitest";
import { alertsAmong } from "#alerts";
import { packBars } from "#analysis";
import { MAX_WORKFLOW_INPUT_BYTES } from "#api";
import { handler } from "#handlers/pattern-detector";
import { sp500 } from "#test/fixtures";
import { runWorkflow } from "#test/step-functions";
import { analysisOf, type ManualReviewResult, type WorkflowAnswer } from "./analysis-actions";
import { resultSize } from "./result-size";

const DEFINITION = patternAnalysisDefinition(
  "arn:aws:lambda:us-east-1:000000000000:function:PatternDetector",
);

/** The largest input the API sends: as many bars (ISO times, long prices, volumes) as fit its cap. */
function largestInput() {
  const start = Date.UTC(2020, 0, 1);
  const bars: Bar[] = sp500()
    .slice(0, MAX_BARS)
    .map((bar, i) => ({
      ...bar,
      time: new Date(start + i * 60_000).toISOString(),
      close: bar.close + 0.123456789,
      volume: 1_234_567_890 + i,
    }));
  const input = { symbol: "BRK-B", interval: "1m", bars: packBars(bars) };
  while (Buffer.byteLength(JSON.stringify(input)) > MAX_WORKFLOW_INPUT_BYTES) input.bars.pop();
  return { input, bars: bars.slice(0, input.bars.length) };
}

/** A detector whose `action` fails every time with `error`, as a throttled DynamoDB call would. */
function failing(action: string, error: () => Error) {
  return async (event: unknown) => {
    if ((event as { action: string }).action === action) throw error();
    return handler(event);
  };
}

/** DynamoDB's throttling error as the SDK throws it: its name, the service's message, a real stack. */
function throttled(): Error {
  const error = new Error(
    "The level of configured provisioned throughput for the table was exceeded. Consider increasing your " +
      "provisioning level with the UpdateTable API.",
  );
  error.name = "ProvisionedThroughputExceededException";
  return error;
}

describe("PatternAnalysisWorkflow's failure path at the API's largest input", () => {
  const { input, bars } = largestInput();

  it("starts from an input just under the API's cap", () => {
    const bytes = Buffer.byteLength(JSON.stringify(input));
    expect(bytes).toBeLessThanOrEqual(MAX_WORKFLOW_INPUT_BYTES);
    expect(bytes).toBeGreaterThan(MAX_WORKFLOW_INPUT_BYTES - 100);
  });

  it("completes, every alert stored with its evidence, no state over the quota", async () => {
    const outcome = await runWorkflow(DEFINITION, input, handler);
    expect(outcome.error).toBeUndefined();
    const result = analysisOf(outcome.output as WorkflowAnswer);
    expect(result.status).toBe("COMPLETED");
    // The most detections the cap allows on this series: hundreds, each alert's evidence about 1.4 KB,
    // which would not fit in a state together (they travel through TradingPatterns instead).
    expect(result.detections.length).toBeGreaterThan(500);
    expect(result.alerts.length).toBeGreaterThan(250);
    const stored = await alertsAmong(result.alerts.map((alert) => alert.alertId));
    expect([...stored].filter(([, alert]) => alert?.evidence === undefined)).toEqual([]);

    // What POST /patterns measures before it starts the workflow: never less than the answer, first run
    // or again (every alert then known), and the same but for the alerts' answers (at most the largest each).
    const measured = resultSize(input.symbol, input.interval, bars);
    expect(measured.detections).toBe(result.detections.length);
    expect(measured.alerts).toBe(result.alerts.length);
    const longestStatus = [...ALERT_STATUSES].sort((a, b) => b.length - a.length)[0];
    const largestAnswer = JSON.stringify({
      alertId: result.alerts[0]?.alertId,
      status: longestStatus,
      created: false,
    });
    const first = outcome.output as WorkflowAnswer;
    const again = (await runWorkflow(DEFINITION, input, handler)).output as WorkflowAnswer;
    expect(analysisOf(again).alerts.every((alert) => !alert.created)).toBe(true);
    for (const answer of [first, again]) {
      const bytes = Buffer.byteLength(JSON.stringify(answer));
      expect(bytes).toBeLessThanOrEqual(measured.bytes);
      expect(measured.bytes - bytes).toBeLessThanOrEqual(answer.alerts.length * largestAnswer.length);
    }
  }, 60_000);

  it.each([
    ["validate", "DataValidation"],
    ["detect", "PatternDetection"],
    ["score", "ConfidenceScoring"],
    ["decide", "AlertDecision"],
  ])("reaches ManualReview when %s fails for good with a Lambda error", async (action) => {
    const outcome = await runWorkflow(DEFINITION, input, failing(action, throttled));
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe("SUCCEEDED");
    expect(outcome.output).toMatchObject({
      status: "MANUAL_REVIEW",
      symbol: "BRK-B",
      interval: "1m",
      error: "ProvisionedThroughputExceededException",
    } satisfies Partial<ManualReviewResult>);
  });

  it("reaches ManualReview whatever the length of the error (Step Functions keeps a Cause of up to 32,768 characters)", async () => {
    const verbose = () =>
      new Error(`the store refused the batch: ${"ConditionalCheckFailed; ".repeat(1300)}`);
    const outcome = await runWorkflow(DEFINITION, input, failing("validate", verbose));
    expect(outcome.error).toBeUndefined();
    expect(outcome.output).toMatchObject({ status: "MANUAL_REVIEW", symbol: "BRK-B", error: "Error" });
  });
});
