// The business metrics of StockPatternDetection, named once: detection time, confidence, alert priority.

import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Severity } from "@stock-patterns/core";

/** The shared Powertools metrics (namespace from POWERTOOLS_METRICS_NAMESPACE). */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? "StockPatternDetection",
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "stock-patterns",
});

/** The band a confidence falls in, used as a low-cardinality dimension. */
export function confidenceBand(confidence: number): string {
  if (confidence >= 90) return "90-100";
  if (confidence >= 75) return "75-89";
  if (confidence >= 60) return "60-74";
  return "0-59";
}

/** PatternDetectionDuration (ms) with dimensions PatternType and Confidence band. */
export function recordDetectionDuration(patternType: string, band: string, milliseconds: number): void {
  const single = metrics.singleMetric();
  single.addDimensions({ PatternType: patternType, Confidence: band });
  single.addMetric("PatternDetectionDuration", MetricUnit.Milliseconds, milliseconds);
}

/**
 * The duration of one detection run: once with only the service dimension (the series the anomaly
 * alarm watches), then once per (pattern, confidence band) it found, or once under `nothingFound`
 * (e.g. the family) when it found nothing.
 */
export function recordDetectionRun(
  detections: readonly { pattern: string; confidence: number }[],
  milliseconds: number,
  nothingFound: string,
): void {
  metrics.singleMetric().addMetric("PatternDetectionDuration", MetricUnit.Milliseconds, milliseconds);
  if (detections.length === 0) recordDetectionDuration(nothingFound, "none", milliseconds);
  const seen = new Set<string>();
  for (const { pattern, confidence } of detections) {
    const band = confidenceBand(confidence);
    if (seen.has(`${pattern}|${band}`)) continue;
    seen.add(`${pattern}|${band}`);
    recordDetectionDuration(pattern, band, milliseconds);
  }
}

/** ConfidenceScore with dimensions PatternType and Symbol. */
export function recordConfidence(patternType: string, symbol: string, confidence: number): void {
  const single = metrics.singleMetric();
  single.addDimensions({ PatternType: patternType, Symbol: symbol });
  single.addMetric("ConfidenceScore", MetricUnit.Count, confidence);
}

/** AlertPriority (count) with dimension Severity. */
export function recordAlertPriority(severity: Severity): void {
  const single = metrics.singleMetric();
  single.addDimension("Severity", severity);
  single.addMetric("AlertPriority", MetricUnit.Count, 1);
}

/** A plain count in the handler's metric set (flushed with `metrics.publishStoredMetrics()`). */
export function count(name: string, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** Flushes the handler's metric set, if it holds any (Powertools warns on an empty flush). */
export function publishMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
