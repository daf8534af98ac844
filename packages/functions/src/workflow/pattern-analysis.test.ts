// PatternAnalysisWorkflow's real ASL run by aws-local-stepfunctions, every task bound to the PatternDetector
// handler, against the emulators: the main path, Retry with backoff, Catch → ManualReview, replays.

import { type Bar, evidenceOf, scanBars, scanOutcomes } from "@stock-patterns/core";
import { patternAnalysisDefinition } from "@stock-patterns/core/workflow";
import { describe, expect, it } from "vitest";
import { getAlert } from "#alerts";
import { listPatterns, packBars } from "#analysis";
import { handler } from "#handlers/pattern-detector";
import { queueUrl, receiveSqsEvent } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { runWorkflow } from "#test/step-functions";
import { analysisOf, type ManualReviewResult, type WorkflowAnswer } from "./analysis-actions";

const DEFINITION = patternAnalysisDefinition(
  "arn:aws:lambda:us-east-1:000000000000:function:PatternDetector",
);

/** The handler, counting calls per action and failing the first `failures[action]` calls of an action. */
function detector(failures: Record<string, number> = {}) {
  const calls: Record<string, number> = {};
  const task = async (event: unknown) => {
    const action = (event as { action: string }).action;
    calls[action] = (calls[action] ?? 0) + 1;
    if ((failures[action] ?? 0) >= calls[action]) {
      const error = new Error(`${action} is unavailable right now`);
      error.name = "ServiceUnavailable";
      throw error;
    }
    return handler(event);
  };
  return { task, calls };
}

const input = (symbol: string, bars: Bar[]) => ({ symbol, interval: "1d", bars: packBars(bars) });

describe("PatternAnalysisWorkflow", () => {
  const bars = sp500().slice(0, 400);
  const expected = scanBars(bars);

  it("validates, detects the three families in parallel, scores and raises alerts", async () => {
    const { task, calls } = detector();
    const outcome = await runWorkflow(DEFINITION, input("WFA", bars), task);
    expect(outcome.status).toBe("SUCCEEDED");
    const result = analysisOf(outcome.output as WorkflowAnswer);
    expect(result.status).toBe("COMPLETED");
    expect(calls).toEqual({ validate: 1, detect: 3, score: 1, decide: 1 });
    expect(expected.length).toBeGreaterThan(0);
    expect(result.detections.map((d) => [d.pattern, d.end, d.detectedAt, d.confidence]).sort()).toEqual(
      expected.map((d) => [d.pattern, d.end, d.detectedAt, d.confidence]).sort(),
    );
    const alerting = result.detections.filter((d) => d.severity !== null);
    expect(alerting.length).toBe(expected.filter((d) => d.confidence >= 60).length);
    expect(result.alerts).toHaveLength(alerting.length);
    expect(result.alerts.every((a) => a.created && a.status === "QUEUED")).toBe(true);
    const stored = await listPatterns({ symbol: "WFA", limit: 100 });
    expect(stored.items).toHaveLength(expected.length);
    expect(stored.items[0]?.extrema.length).toBeGreaterThanOrEqual(2);
    const queued = await receiveSqsEvent(queueUrl("AlertQueue"));
    expect(queued.Records.length).toBe(Math.min(10, alerting.length));
  });

  it("stores each alert with its code's evidence as of its detectedAt over the bars sent, as `patterns stats --as-of` counts it", async () => {
    const outcome = await runWorkflow(DEFINITION, input("WFF", bars), detector().task);
    const result = analysisOf(outcome.output as WorkflowAnswer);
    expect(result.alerts.length).toBeGreaterThan(5);
    // The CLI's evidence: every code's detections over the whole series, counted as of a time.
    const series = [{ bars, detections: scanOutcomes(bars) }];
    for (const summary of result.alerts) {
      const alert = await getAlert(summary.alertId);
      const expected = evidenceOf(series, summary.barTime).find((e) => e.pattern === alert?.pattern);
      expect(expected?.horizons["1"].ks, `${alert?.pattern} ${summary.barTime}`).toBeDefined();
      expect(alert?.evidence, `${alert?.pattern} ${summary.barTime}`).toEqual(expected);
    }
    // The workflow's answer stays as compact as before: the evidence is on the stored alerts only.
    expect(JSON.stringify(result)).not.toContain("successRate");
  });

  it("stores nothing new when the same series is analysed again", async () => {
    const first = await runWorkflow(DEFINITION, input("WFB", bars), detector().task);
    const again = await runWorkflow(DEFINITION, input("WFB", bars), detector().task);
    const [a, b] = [analysisOf(first.output as WorkflowAnswer), analysisOf(again.output as WorkflowAnswer)];
    expect(b.detections).toEqual(a.detections);
    expect(b.alerts.map((x) => x.alertId)).toEqual(a.alerts.map((x) => x.alertId));
    expect(b.alerts.some((x) => x.created)).toBe(false);
    expect((await listPatterns({ symbol: "WFB", limit: 100 })).items).toHaveLength(expected.length);
    // Answered packed (alert-answers.ts): a new alert as nothing beyond what its detection implies, a
    // known one as what differs from a new one.
    expect((first.output as WorkflowAnswer).alerts.every((x) => Object.keys(x).length === 0)).toBe(true);
    expect((again.output as WorkflowAnswer).alerts.every((x) => x.created === false)).toBe(true);
  });

  it("retries a failing task (up to 3 more attempts) and completes", async () => {
    const { task, calls } = detector({ score: 2, detect: 1 });
    const outcome = await runWorkflow(DEFINITION, input("WFC", bars), task);
    expect(analysisOf(outcome.output as WorkflowAnswer).status).toBe("COMPLETED");
    expect(calls.score).toBe(3);
    // One of the three family branches failed once and was retried.
    expect(calls.detect).toBe(4);
  });

  it("sends a task that still fails after its retries to ManualReview, without internals", async () => {
    const { task, calls } = detector({ decide: 99 });
    const outcome = await runWorkflow(DEFINITION, input("WFD", bars), task);
    expect(outcome.status).toBe("SUCCEEDED");
    expect(calls.decide).toBe(4);
    expect(calls.manualReview).toBe(1);
    const review = outcome.output as ManualReviewResult;
    expect(review).toMatchObject({
      status: "MANUAL_REVIEW",
      symbol: "WFD",
      interval: "1d",
      error: "ServiceUnavailable",
    });
    expect(review.reviewId).toMatch(/^rev_[0-9a-f]{24}$/);
    expect(review.reason).toBeUndefined();
  });

  it("does not retry input that can never pass validation, and says why", async () => {
    const shuffled = [...bars];
    shuffled.splice(10, 2, ...shuffled.slice(10, 12).reverse());
    const { task, calls } = detector();
    const outcome = await runWorkflow(DEFINITION, input("WFE", shuffled), task);
    expect(calls).toEqual({ validate: 1, manualReview: 1 });
    const review = outcome.output as ManualReviewResult;
    expect(review).toMatchObject({ status: "MANUAL_REVIEW", error: "InvalidWorkflowInput" });
    expect(review.reason).toContain("row 12");
  });

  it("routes a wrong-shaped input to ManualReview too", async () => {
    const { task, calls } = detector();
    const outcome = await runWorkflow(DEFINITION, { symbol: "has space", interval: "1d", bars: [] }, task);
    expect(calls.validate).toBe(1);
    const review = outcome.output as ManualReviewResult;
    expect(review.error).toBe("InvalidWorkflowInput");
    expect(review.reason).toMatch(/symbol/);
  });
});
