// The business metrics of StockPatternDetection, named once: detection time, confidence, alert priority.

import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { confidenceBand, type Severity } from "@stock-patterns/core";
import { type BusinessMetric, type Counter, METRICS_NAMESPACE } from "@stock-patterns/core/contracts";

/** The shared Powertools metrics (namespace from POWERTOOLS_METRICS_NAMESPACE, else core's). */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS_NAMESPACE,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "stock-patterns",
});

/**
 * One EMF line per call, for metrics whose dimension values differ call to call (EMF gives each dimension a
 * single value per line). Made once and reused: each addMetric prints its line and clears the dimensions,
 * so a fresh `singleMetric()` per call (a new Metrics and console each time, a hot spot in the stream
 * consumer's profile) prints the same lines. Every use adds its dimensions and metric with no await between.
 */
const line = metrics.singleMetric();

const DURATION: BusinessMetric = "PatternDetectionDuration";
const CONFIDENCE: BusinessMetric = "ConfidenceScore";
const ALERT_PRIORITY: BusinessMetric = "AlertPriority";

/** PatternDetectionDuration (ms) with dimensions PatternType and Confidence band. */
export function recordDetectionDuration(patternType: string, band: string, milliseconds: number): void {
  line.addDimensions({ PatternType: patternType, Confidence: band });
  line.addMetric(DURATION, MetricUnit.Milliseconds, milliseconds);
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
  line.addMetric(DURATION, MetricUnit.Milliseconds, milliseconds);
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
  line.addDimensions({ PatternType: patternType, Symbol: symbol });
  line.addMetric(CONFIDENCE, MetricUnit.Count, confidence);
}

/** AlertPriority (count) with dimension Severity. */
export function recordAlertPriority(severity: Severity): void {
  line.addDimension("Severity", severity);
  line.addMetric(ALERT_PRIORITY, MetricUnit.Count, 1);
}

/** A plain count in the handler's metric set (flushed with `metrics.publishStoredMetrics()`). */
export function count(name: Counter, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** Flushes the handler's metric set, if it holds any (Powertools warns on an empty flush). */
export function publishMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
