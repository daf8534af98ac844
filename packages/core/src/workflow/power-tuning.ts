// PowerTuningWorkflow: publish a version of a function at each memory size, measure that version, and
// recommend the cheapest size that is fast enough. Traffic runs published versions (the `live` aliases),
// never $LATEST, so versions are what get measured, one per memory setting, as AWS Lambda Power Tuning
// does (github.com/alexcasalboni/aws-lambda-power-tuning: initializer publishes a version per power
// value, executor invokes it, cleaner deletes them). The memory to deploy is written in infra, so the
// workflow reports it and changes nothing that stays: $LATEST gets its memory back, tuning versions go.

import type { AslStateMachine, AslTaskState } from "./asl";
import { catchTo, taskRetry } from "./retry";

/** Memory sizes (MB) tried, in order. */
export const TUNING_MEMORY_SIZES = [512, 1024, 1536, 2048, 3008] as const;

/** State names of PowerTuningWorkflow; the local runner binds its task handlers by these names. */
export const POWER_TUNING_STATES = {
  initialize: "InitializeTuning",
  measureAll: "MeasureEachMemorySize",
  publish: "PublishMemoryVersion",
  measure: "MeasureInvocations",
  cleanUp: "CleanUp",
  select: "RecommendMemorySize",
  cleanUpAfterFailure: "CleanUpAfterFailure",
  failed: "TuningFailed",
} as const;

function tuningTask(taskResource: string, action: string, parameters: Record<string, unknown>): AslTaskState {
  return { Type: "Task", Resource: taskResource, Parameters: { action, ...parameters }, Retry: taskRetry() };
}

/**
 * The ASL (JSONPath) of PowerTuningWorkflow. Input `{ functionName, payload, invocations?, speedBoundPct? }`:
 * the PatternDetector's tuning actions read the function's memory, then for each size in
 * {@link TUNING_MEMORY_SIZES} (one at a time) set it on $LATEST, publish a version, invoke that version
 * `invocations` times and measure billed duration and cost; then $LATEST gets its memory back, the tuning
 * versions are deleted, and the output is the recommendation: the cheapest size whose duration is within
 * `speedBoundPct` percent of the fastest, with every measurement. On failure the same clean-up runs and
 * the execution fails.
 *
 * @param taskResource ARN of the function that runs the tuning actions (the PatternDetector).
 * @example
 * const definition = JSON.stringify(powerTuningDefinition(detector.arn));
 */
export function powerTuningDefinition(taskResource: string): AslStateMachine {
  const S = POWER_TUNING_STATES;
  const target = { "functionName.$": "$.functionName" };
  const cleanUp = tuningTask(taskResource, "tuneCleanUp", {
    ...target,
    "originalMemoryMB.$": "$.originalMemoryMB",
  });
  return {
    Comment:
      "Measure a published version of a function at several memory sizes and recommend the cheapest within a speed bound.",
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
          StartAt: S.publish,
          States: {
            [S.publish]: {
              ...tuningTask(taskResource, "tunePublishVersion", { ...target, "memoryMB.$": "$.memoryMB" }),
              ResultPath: "$.published",
              Next: S.measure,
            },
            [S.measure]: {
              ...tuningTask(taskResource, "tuneMeasure", {
                ...target,
                "version.$": "$.published.version",
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
        Catch: catchTo(S.cleanUpAfterFailure),
        Next: S.cleanUp,
      },
      [S.cleanUp]: {
        ...cleanUp,
        Comment: "Give $LATEST its memory back and delete the tuning versions.",
        ResultPath: null,
        Next: S.select,
      },
      [S.select]: {
        ...tuningTask(taskResource, "tuneSelect", {
          "measurements.$": "$.measurements",
          "speedBoundPct.$": "$.speedBoundPct",
        }),
        Comment: "The recommendation; set it as the function's memory in infra to deploy it.",
        End: true,
      },
      [S.cleanUpAfterFailure]: { ...cleanUp, ResultPath: null, Next: S.failed },
      [S.failed]: {
        Type: "Fail",
        Error: "PowerTuningFailed",
        Cause:
          "A tuning step failed after its retries; $LATEST's memory was restored and tuning versions deleted.",
      },
    },
  };
}
