// The state machines as deployed: EXPRESS, logged and traced, running core's ASL (valid per
// asl-validator) with every task on the PatternDetector's live alias.

import { readFileSync } from "node:fs";
import {
  type AslStateMachine,
  allStates,
  PATTERN_ANALYSIS_STATES,
  patternAnalysisDefinition,
  TUNING_MEMORY_SIZES,
} from "@stock-patterns/core/workflow";
import aslValidator from "asl-validator";
import { describe, expect, inject, it } from "vitest";
import { resource, type SynthGraph } from "../scripts/synth/graph";

const graph: SynthGraph = inject("production");

interface State {
  Type: string;
  Resource?: string;
  Next?: string;
  Retry?: { ErrorEquals: string[]; MaxAttempts: number; BackoffRate: number }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Branches?: { StartAt: string; States: Record<string, State> }[];
  ItemProcessor?: { StartAt: string; States: Record<string, State> };
  Parameters?: Record<string, unknown>;
  ItemsPath?: string;
}

interface Definition {
  StartAt: string;
  States: Record<string, State>;
}

const machine = (name: string) => resource(graph, "aws:sfn/stateMachine:StateMachine", name).inputs;
const definition = (name: string) => JSON.parse(String(machine(name).definition)) as Definition;
/** Every state of a deployed definition, nested ones included: core's walker, read with the loose State above. */
const statesOf = (def: Definition) =>
  allStates(def as unknown as AslStateMachine) as unknown as [string, State][];
const detectorAlias = `arn:aws:lambda:us-east-1:123456789012:function:${String(
  resource(graph, "aws:lambda/function:Function", "PatternDetectorFunction").inputs.name,
)}:live`;

describe.each(["PatternAnalysisWorkflow", "PowerTuningWorkflow"])("%s", (name) => {
  it("is an EXPRESS state machine logging every event to its log group, traced", () => {
    expect(machine(name)).toMatchObject({
      type: "EXPRESS",
      loggingConfiguration: { level: "ALL", includeExecutionData: true },
      tracingConfiguration: { enabled: true },
    });
    expect(String((machine(name).loggingConfiguration as { logDestination: string }).logDestination)).toMatch(
      /^arn:aws:logs:.+:log-group:\/aws\/vendedlogs\/states\/.+:\*$/,
    );
  });

  // docs/capacity.md prices this log group's ingestion (every event with its data) and bounds its storage
  // by this retention; without one CloudWatch Logs would keep every execution's bars for good.
  it("keeps its log group's events as long as docs/capacity.md says, at the level it prices", () => {
    const page = readFileSync(new URL("../docs/capacity.md", import.meta.url), "utf8").replace(/\s+/g, " ");
    const days = resource(graph, "aws:cloudwatch/logGroup:LogGroup", `${name}Logs`).inputs.retentionInDays;
    expect(days).toBe(7);
    expect(page).toContain(`to its own log group, ${days} days' retention (\`retentionInDays: ${days}\``);
    const { level, includeExecutionData } = machine(name).loggingConfiguration as {
      level: string;
      includeExecutionData: boolean;
    };
    expect(page).toContain(
      `(\`level: "${level}"\`, \`includeExecutionData: ${includeExecutionData}\`, \`infra/workflow.ts\``,
    );
  });

  it("passes asl-validator", () => {
    const { isValid, errorsText } = aslValidator(definition(name));
    expect(errorsText("\n")).toBe("");
    expect(isValid).toBe(true);
  });

  // States Language: "The reserved name 'States.ALL' appearing in a Retrier's 'ErrorEquals' field ... MUST
  // appear alone in the 'ErrorEquals' array and MUST appear in the last Retrier in the 'Retry' array" (and so
  // for Catchers); "If provided, the 'HeartbeatSeconds' interval MUST be smaller than the 'TimeoutSeconds'
  // value". https://states-language.net/#retrying-after-error, https://states-language.net/#task-state.
  // asl-validator checks neither; Step Functions refuses such a definition when it is created.
  it("puts States.ALL alone in the last retrier and catcher, and heartbeats within their timeouts", () => {
    const handled = statesOf(definition(name)).filter(([, s]) => s.Retry || s.Catch);
    expect(handled.length).toBeGreaterThan(2);
    for (const [stateName, state] of handled)
      for (const handlers of [state.Retry ?? [], state.Catch ?? []])
        handlers.forEach(({ ErrorEquals }, i) => {
          if (!ErrorEquals.includes("States.ALL")) return;
          expect(ErrorEquals, stateName).toEqual(["States.ALL"]);
          expect(i, `${stateName}: States.ALL in handler ${i} of ${handlers.length}`).toBe(
            handlers.length - 1,
          );
        });
    for (const [stateName, state] of statesOf(definition(name))) {
      const { HeartbeatSeconds, TimeoutSeconds } = state as {
        HeartbeatSeconds?: number;
        TimeoutSeconds?: number;
      };
      if (HeartbeatSeconds !== undefined && TimeoutSeconds !== undefined)
        expect(HeartbeatSeconds, stateName).toBeLessThan(TimeoutSeconds);
    }
  });

  it("runs every task on the PatternDetector's live alias, with retries", () => {
    const tasks = statesOf(definition(name)).filter(([, s]) => s.Type === "Task");
    expect(tasks.length).toBeGreaterThan(2);
    for (const [stateName, task] of tasks) {
      expect(task.Resource, stateName).toBe(detectorAlias);
      expect(task.Retry?.length, stateName).toBeGreaterThan(0);
    }
  });
});

describe("PatternAnalysisWorkflow", () => {
  const def = definition("PatternAnalysisWorkflow");

  it("validates, detects three families in parallel, scores and decides", () => {
    expect(def.StartAt).toBe("DataValidation");
    const order: string[] = [];
    for (let name: string | undefined = def.StartAt; name; name = def.States[name]?.Next) order.push(name);
    const parallel = order.map((n) => def.States[n]).find((s) => s?.Type === "Parallel");
    expect(parallel?.Branches).toHaveLength(3);
    expect(order.slice(-2)).toEqual(["ConfidenceScoring", "AlertDecision"]);
    expect(order.indexOf("ConfidenceScoring")).toBeGreaterThan(order.indexOf("DataValidation") + 1);
  });

  it("retries each task 3 times with backoff 2.0 and catches into ManualReview", () => {
    const tasks = statesOf(def).filter(([name, s]) => s.Type === "Task" && name !== "ManualReview");
    for (const [name, task] of tasks) {
      expect(task.Retry, name).toContainEqual(expect.objectContaining({ MaxAttempts: 3, BackoffRate: 2 }));
    }
    const catchers = Object.entries(def.States).filter(([, s]) => s.Catch);
    expect(catchers.length).toBeGreaterThan(0);
    for (const [name, state] of catchers)
      expect(
        state.Catch?.map((c) => c.Next),
        name,
      ).toContain("ManualReview");
    expect(def.States.ManualReview?.Type).toBe("Task");
  });

  it("carries only the error and the series' name into ManualReview, so an input near 256 KiB still reaches it", () => {
    // Step Functions fails an execution whose state output passes 256 KiB (States.DataLimitExceeded, which
    // no Catch takes): the caught state's input (up to 250,000 bytes of bars) must not travel with the error.
    for (const [name, state] of Object.entries(def.States).filter(([, s]) => s.Catch)) {
      expect(state.Catch, name).toEqual([{ ErrorEquals: ["States.ALL"], Next: "ManualReview" }]);
    }
    // The parameters themselves are pinned in core's workflow.test.ts; deployed, they are core's.
    const review = patternAnalysisDefinition("arn").States[PATTERN_ANALYSIS_STATES.manualReview] as {
      Parameters?: object;
    };
    expect(review.Parameters).toHaveProperty(["failure.$"], "$");
    expect(def.States.ManualReview?.Parameters).toEqual(review.Parameters);
  });
});

describe("PowerTuningWorkflow", () => {
  it("tries 512, 1024, 1536, 2048 and 3008 MB, one at a time", () => {
    expect([...TUNING_MEMORY_SIZES]).toEqual([512, 1024, 1536, 2048, 3008]);
    const states = statesOf(definition("PowerTuningWorkflow"));
    const sizes = states.flatMap(([, s]) => (s.Parameters?.memorySizes as number[] | undefined) ?? []);
    expect(sizes).toEqual([512, 1024, 1536, 2048, 3008]);
    expect(states.some(([, s]) => s.Type === "Map")).toBe(true);
  });
});

describe("workflow role", () => {
  it("may invoke exactly the functions the tasks name: the PatternDetector's live alias, not $LATEST or other versions", () => {
    const role = resource(graph, "aws:iam/role:Role", "WorkflowRole").inputs;
    const policy = JSON.parse(String((role.inlinePolicies as { policy: string }[])[0]?.policy));
    const invoke = policy.Statement.filter((s: { Action: string | string[] }) =>
      [s.Action].flat().includes("lambda:InvokeFunction"),
    );
    const tasks = ["PatternAnalysisWorkflow", "PowerTuningWorkflow"].flatMap((name) =>
      statesOf(definition(name)).flatMap(([, s]) => (s.Type === "Task" && s.Resource ? [s.Resource] : [])),
    );
    expect(new Set(tasks)).toEqual(new Set([detectorAlias]));
    expect(invoke.flatMap((s: { Resource: string | string[] }) => [s.Resource].flat())).toEqual([
      detectorAlias,
    ]);
  });

  it("under sst dev, may invoke the PatternDetector function its tasks name", () => {
    const dev = inject("dev");
    const role = resource(dev, "aws:iam/role:Role", "WorkflowRole").inputs;
    const policy = JSON.parse(String((role.inlinePolicies as { policy: string }[])[0]?.policy));
    const fn = resource(dev, "aws:lambda/function:Function", "PatternDetectorFunction").inputs.name;
    const task = JSON.parse(
      String(resource(dev, "aws:sfn/stateMachine:StateMachine", "PatternAnalysisWorkflow").inputs.definition),
    ) as Definition;
    const arn = `arn:aws:lambda:us-east-1:123456789012:function:${String(fn)}`;
    expect(statesOf(task).some(([, s]) => s.Resource === arn)).toBe(true);
    expect(policy.Statement[0]).toMatchObject({ Action: "lambda:InvokeFunction", Resource: [arn] });
  });
});
