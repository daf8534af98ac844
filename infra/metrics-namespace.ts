// Which namespace a stage's custom metrics go in. CloudWatch tells metrics apart by namespace, name and
// dimensions only (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Dimension),
// so two stages in one account counting ServerErrorAnswers for their Api's version 3 would write one series:
// production's release would be rolled back for a developer's errors, its anomaly band learned from theirs.
// Production keeps the namespace; every other stage writes beside it, in its own.
import { METRICS_NAMESPACE } from "@stock-patterns/core/contracts";

/** The stage whose custom metrics keep core's namespace (the stage sst.config.ts protects). */
const PRODUCTION = "production";

/**
 * The namespace `stage`'s functions file their custom metrics in, and its alarms and dashboard read.
 * A stage name is lowercase letters, digits and dashes (stage-name.ts), all allowed in a namespace.
 *
 * @example
 * stageMetricsNamespace("production") // "StockPatternDetection"
 * stageMetricsNamespace("alice") // "StockPatternDetection/alice"
 */
export function stageMetricsNamespace(stage: string): string {
  return stage === PRODUCTION ? METRICS_NAMESPACE : `${METRICS_NAMESPACE}/${stage}`;
}

/**
 * A namespace as a SEARCH expression's schema takes it: in double quotes when it holds anything but
 * letters and digits (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/search-expression-syntax.html).
 *
 * @example
 * searchedNamespace("StockPatternDetection") // "StockPatternDetection"
 * searchedNamespace("StockPatternDetection/alice") // "\"StockPatternDetection/alice\""
 */
export function searchedNamespace(namespace: string): string {
  return /^[A-Za-z0-9]+$/.test(namespace) ? namespace : `"${namespace}"`;
}
