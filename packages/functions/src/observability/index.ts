// The observability face (#observability): the logger, the business metrics and the tracer.

export { logger, withFunctionLogger } from "./logger";
export {
  count,
  type DetectionRun,
  metrics,
  publishMetrics,
  recordAlertPriorities,
  recordAlertPriority,
  recordConfidences,
  recordDetectionRun,
  recordDetectionRuns,
  recordServerErrorAnswer,
  withAlertPrioritiesPerBatch,
} from "./metrics";
export { traced, tracer } from "./tracer";
