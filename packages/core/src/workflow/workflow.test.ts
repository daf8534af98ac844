// The workflow definitions are valid ASL and carry the retry/catch policy every task must have.

import aslValidator from "asl-validator";
import { describe, expect, it } from "vitest";
import {
  FAMILY_BRANCHES,
  PATTERN_ANALYSIS_STATES,
  PATTERN_ANALYSIS_TASK_STATES,
  POWER_TUNING_STATES,
  patternAnalysisDefinition,
  powerTuningDefinition,
  TUNING_MEMORY_SIZES,
  taskStates,
} from "./index";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:PatternDetector:live";

describe("patternAnalysisDefinition", () => {
  const definition = patternAnalysisDefinition(ARN);

  it("is valid Amazon States Language", () => {
    const { isValid, errorsText } = aslValidator(definition);
    expect(errorsText("\n")).toBe("");
    expect(isValid).toBe(true);
  });

  it("runs validation, the three families in parallel, scoring, then the alert decision", () => {
    const S = PATTERN_ANALYSIS_STATES;
    expect(definition.StartAt).toBe(S.validate);
    expect(definition.States[S.validate]).toMatchObject({ Next: S.detect });
    const detect = definition.States[S.detect];
    expect(detect?.Type).toBe("Parallel");
    if (detect?.Type !== "Parallel") return;
    expect(detect.Branches.map((branch) => branch.StartAt)).toEqual(FAMILY_BRANCHES.map((b) => b.state));
    expect(detect).toMatchObject({ Next: S.score });
    expect(definition.States[S.score]).toMatchObject({ Next: S.decide });
    expect(definition.States[S.decide]).toMatchObject({ End: true });
  });

  it("invokes the given resource from every task, with retries 3 × backoff 2.0", () => {
    const found = taskStates(definition);
    expect(found.map(([name]) => name).sort()).toEqual([...PATTERN_ANALYSIS_TASK_STATES].sort());
    for (const [, task] of found) {
      expect(task.Resource).toBe(ARN);
      expect(task.Retry?.at(-1)).toEqual({
        ErrorEquals: ["States.ALL"],
        IntervalSeconds: 1,
        MaxAttempts: 3,
        BackoffRate: 2.0,
      });
    }
  });

  it("sends every failure of the main path to ManualReview", () => {
    const S = PATTERN_ANALYSIS_STATES;
    for (const name of [S.validate, S.detect, S.score, S.decide]) {
      const state = definition.States[name] as { Catch?: { ErrorEquals: string[]; Next: string }[] };
      expect(state.Catch).toEqual([{ ErrorEquals: ["States.ALL"], Next: S.manualReview }]);
    }
  });

  it("gives ManualReview the error and the series' name, never its bars", () => {
    const review = definition.States[PATTERN_ANALYSIS_STATES.manualReview] as { Parameters?: object };
    expect(review.Parameters).toEqual({
      action: "manualReview",
      "failure.$": "$",
      "symbol.$": "$$.Execution.Input.symbol",
      "interval.$": "$$.Execution.Input.interval",
      "bars.$": "States.ArrayLength($$.Execution.Input.bars)",
      "startedAt.$": "$$.Execution.StartTime",
    });
  });
});

describe("powerTuningDefinition", () => {
  const definition = powerTuningDefinition(ARN);

  it("is valid Amazon States Language", () => {
    const { isValid, errorsText } = aslValidator(definition);
    expect(errorsText("\n")).toBe("");
    expect(isValid).toBe(true);
  });

  it("tries each memory size one at a time and retries every task", () => {
    expect(JSON.stringify(definition)).toContain(JSON.stringify([...TUNING_MEMORY_SIZES]));
    const map = Object.values(definition.States).find((state) => state.Type === "Map");
    expect(map).toMatchObject({ MaxConcurrency: 1, ItemsPath: "$.memorySizes" });
    // Every task, the Map's own included, so the loop below checks them all.
    const S = POWER_TUNING_STATES;
    const found = taskStates(definition);
    expect(found.map(([name]) => name).sort()).toEqual(
      [S.initialize, S.publish, S.measure, S.cleanUp, S.select, S.cleanUpAfterFailure].sort(),
    );
    for (const [, task] of found) {
      expect(task.Resource).toBe(ARN);
      expect(task.Retry?.at(-1)).toMatchObject({ MaxAttempts: 3, BackoffRate: 2.0 });
    }
  });
});
