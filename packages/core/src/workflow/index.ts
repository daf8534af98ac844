// The workflows' ASL, defined once: infra deploys it, the local system and the tests run it.

export type * from "./asl";
export {
  ANALYSIS_TIMEOUT_SECONDS,
  FAMILY_BRANCHES,
  PATTERN_ANALYSIS_STATES,
  PATTERN_ANALYSIS_TASK_STATES,
  patternAnalysisDefinition,
} from "./pattern-analysis";
export { POWER_TUNING_STATES, powerTuningDefinition, TUNING_MEMORY_SIZES } from "./power-tuning";
export { catchErrorTo, catchTo, NON_RETRYABLE_ERRORS, TRANSIENT_RETRY, taskRetry } from "./retry";
export { allStates, taskStates } from "./walk";
