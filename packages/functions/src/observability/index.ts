// The observability face (#observability): the logger, the business metrics and the tracer.

export { logger, withFunctionLogger } from "./logger";
export {
  count,
  metrics,
  publishMetrics,
  recordAlertPriorities,
  recordAlertPriority,
  recordConfidences,
  recordDetectionRun,
  recordServerErrorAnswer,
} from "./metrics";
export { traced, tracer } from "./tracer";
