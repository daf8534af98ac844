// PatternAnalysisWorkflow: validate the bars, detect the three pattern families in parallel, score, decide alerts.

import type { AslStateMachine, AslTaskState } from "./asl";
import { catchErrorTo, taskRetry } from "./retry";

/** State names of PatternAnalysisWorkflow; the local runner binds its task handlers by these names. */
export const PATTERN_ANALYSIS_STATES = {
  validate: "DataValidation",
  detect: "PatternDetection",
  score: "ConfidenceScoring",
  decide: "AlertDecision",
  manualReview: "ManualReview",
} as const;

/**
 * The Parallel branches: one task state per pattern family. `family` is a key of core's
 * `PATTERN_FAMILIES`; the state name is what the local runner binds.
 */
export const FAMILY_BRANCHES = [
  { state: "HeadAndShouldersFamily", family: "headAndShoulders" },
  { state: "DoubleFamily", family: "double" },
  { state: "TriangleFamily", family: "triangle" },
] as const;

/** Every Task state name of PatternAnalysisWorkflow (all of them invoke the PatternDetector). */
export const PATTERN_ANALYSIS_TASK_STATES: readonly string[] = [
  PATTERN_ANALYSIS_STATES.validate,
  ...FAMILY_BRANCHES.map((branch) => branch.state),
  PATTERN_ANALYSIS_STATES.score,
  PATTERN_ANALYSIS_STATES.decide,
  PATTERN_ANALYSIS_STATES.manualReview,
];

/**
 * How long an analysis may run. The API runs it synchronously behind API Gateway, whose integration
 * timeout is 29 s (the Api function's timeout too): past that the caller gets a gateway 504 while the
 * execution would go on writing detections and alerts. Ending at 25 s leaves the Api time to answer with
 * the workflow's own outcome.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
 */
export const ANALYSIS_TIMEOUT_SECONDS = 25;

/** A task invoking the PatternDetector with `{ action, ...parameters }`. */
function detectorTask(
  taskResource: string,
  action: string,
  parameters: Record<string, unknown>,
  comment: string,
): AslTaskState {
  return {
    Type: "Task",
    Comment: comment,
    Resource: taskResource,
    Parameters: { action, ...parameters },
    Retry: taskRetry(),
  };
}

const SERIES = { "symbol.$": "$.symbol", "interval.$": "$.interval" };

/**
 * The ASL (JSONPath) of PatternAnalysisWorkflow, an EXPRESS state machine run by the API with
 * StartSyncExecution. Input `{ symbol, interval, bars }`; output the AlertDecision result
 * (`{ status: "COMPLETED", detections, alerts, ... }`) or, when a step fails after its retries,
 * the ManualReview result (`{ status: "MANUAL_REVIEW", ... }`).
 *
 * @param taskResource ARN (or alias ARN) of the PatternDetector function every task invokes.
 * @example
 * const definition = JSON.stringify(patternAnalysisDefinition(detector.arn));
 */
export function patternAnalysisDefinition(taskResource: string): AslStateMachine {
  const S = PATTERN_ANALYSIS_STATES;
  return {
    Comment: "Validate bars, detect pattern families in parallel, score confidence, decide alerts.",
    StartAt: S.validate,
    TimeoutSeconds: ANALYSIS_TIMEOUT_SECONDS,
    States: {
      [S.validate]: {
        ...detectorTask(
          taskResource,
          "validate",
          { ...SERIES, "bars.$": "$.bars" },
          "Check and order the bars.",
        ),
        Catch: catchErrorTo(S.manualReview),
        Next: S.detect,
      },
      [S.detect]: {
        Type: "Parallel",
        Comment:
          "One branch per pattern family. Each branch stores its detections and answers a compact " +
          "{ family, symbol, interval, detections }; the bars are dropped here to stay under the state size limit.",
        Branches: FAMILY_BRANCHES.map(({ state, family }) => ({
          StartAt: state,
          States: {
            [state]: {
              ...detectorTask(
                taskResource,
                "detect",
                { family, ...SERIES, "bars.$": "$.bars" },
                `Detect the ${family} family.`,
              ),
              End: true,
            },
          },
        })),
        Catch: catchErrorTo(S.manualReview),
        Next: S.score,
      },
      [S.score]: {
        ...detectorTask(
          taskResource,
          "score",
          { "symbol.$": "$[0].symbol", "interval.$": "$[0].interval", "families.$": "$" },
          "Merge the families' detections and grade their confidence.",
        ),
        Catch: catchErrorTo(S.manualReview),
        Next: S.decide,
      },
      [S.decide]: {
        ...detectorTask(
          taskResource,
          "decide",
          { ...SERIES, "detections.$": "$.detections" },
          "Store detections and raise alerts for the confident ones.",
        ),
        Catch: catchErrorTo(S.manualReview),
        End: true,
      },
      [S.manualReview]: {
        ...detectorTask(
          taskResource,
          "manualReview",
          {
            // The failure alone comes from the catching state; the series is named from the execution's
            // input, its bars only counted, so this input stays far under the 256 KiB quota however
            // large the series (the API sends up to 250,000 bytes) or long the error.
            "failure.$": "$",
            "symbol.$": "$$.Execution.Input.symbol",
            "interval.$": "$$.Execution.Input.interval",
            "bars.$": "States.ArrayLength($$.Execution.Input.bars)",
            "startedAt.$": "$$.Execution.StartTime",
          },
          "Record the failed analysis for a human to look at.",
        ),
        End: true,
      },
    },
  };
}
