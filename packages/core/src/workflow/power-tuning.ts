// PowerTuningWorkflow: run a function at each memory size, measure it, keep the cheapest size that is fast enough.

import type { AslStateMachine, AslTaskState } from "./asl";
import { catchTo, taskRetry } from "./retry";

/** Memory sizes (MB) tried, in order. */
export const TUNING_MEMORY_SIZES = [512, 1024, 1536, 2048, 3008] as const;

/** State names of PowerTuningWorkflow; the local runner binds its task handlers by these names. */
export const POWER_TUNING_STATES = {
  initialize: "InitializeTuning",
  measureAll: "MeasureEachMemorySize",
  setMemory: "SetMemorySize",
  measure: "MeasureInvocations",
  select: "SelectMemorySize",
  apply: "ApplyMemorySize",
  restore: "RestoreOriginalMemory",
  failed: "TuningFailed",
} as const;

function tuningTask(taskResource: string, action: string, parameters: Record<string, unknown>): AslTaskState {
  return { Type: "Task", Resource: taskResource, Parameters: { action, ...parameters }, Retry: taskRetry() };
}

/**
 * The ASL (JSONPath) of PowerTuningWorkflow. Input
 * `{ functionName, payload, invocations?, speedBoundPct? }`: the PatternDetector's tuning actions read the
 * function's current memory, then for each size in {@link TUNING_MEMORY_SIZES} (one at a time) set it,
 * invoke the function `invocations` times and measure billed duration and cost; finally the cheapest size
 * whose duration is within `speedBoundPct` percent of the fastest is applied. On failure the original
 * memory size is restored and the execution fails.
 *
 * @param taskResource ARN of the function that runs the tuning actions (the PatternDetector).
 * @example
 * const definition = JSON.stringify(powerTuningDefinition(detector.arn));
 */
export function powerTuningDefinition(taskResource: string): AslStateMachine {
  const S = POWER_TUNING_STATES;
  const target = { "functionName.$": "$.functionName" };
  return {
    Comment: "Measure a function at several memory sizes and apply the cheapest one within a speed bound.",
    StartAt: S.initialize,
    States: {
      [S.initialize]: {
        ...tuningTask(taskResource, "tuneInitialize", {
          "request.$": "$",
          memorySizes: [...TUNING_MEMORY_SIZES],
        }),
        Comment: "Fill in defaults and remember the function's current memory size.",
        Next: S.measureAll,
      },
      [S.measureAll]: {
        Type: "Map",
        ItemsPath: "$.memorySizes",
        MaxConcurrency: 1,
        ItemSelector: {
          "memoryMB.$": "$$.Map.Item.Value",
          ...target,
          "payload.$": "$.payload",
          "invocations.$": "$.invocations",
          "architecture.$": "$.architecture",
        },
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: S.setMemory,
          States: {
            [S.setMemory]: {
              ...tuningTask(taskResource, "tuneSetMemory", { ...target, "memoryMB.$": "$.memoryMB" }),
              ResultPath: null,
              Next: S.measure,
            },
            [S.measure]: {
              ...tuningTask(taskResource, "tuneMeasure", {
                ...target,
                "memoryMB.$": "$.memoryMB",
                "payload.$": "$.payload",
                "invocations.$": "$.invocations",
                "architecture.$": "$.architecture",
              }),
              End: true,
            },
          },
        },
        ResultPath: "$.measurements",
        Catch: catchTo(S.restore),
        Next: S.select,
      },
      [S.select]: {
        ...tuningTask(taskResource, "tuneSelect", {
          "measurements.$": "$.measurements",
          "speedBoundPct.$": "$.speedBoundPct",
        }),
        ResultPath: "$.selection",
        Catch: catchTo(S.restore),
        Next: S.apply,
      },
      [S.apply]: {
        ...tuningTask(taskResource, "tuneSetMemory", {
          ...target,
          "memoryMB.$": "$.selection.memoryMB",
        }),
        ResultPath: null,
        OutputPath: "$.selection",
        Catch: catchTo(S.restore),
        End: true,
      },
      [S.restore]: {
        ...tuningTask(taskResource, "tuneSetMemory", {
          ...target,
          "memoryMB.$": "$.originalMemoryMB",
        }),
        ResultPath: null,
        Next: S.failed,
      },
      [S.failed]: {
        Type: "Fail",
        Error: "PowerTuningFailed",
        Cause: "A tuning step failed after its retries; the original memory size was restored.",
      },
    },
  };
}
