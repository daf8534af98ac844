// The business metrics of StockPatternDetection, named once: detection time, confidence, alert priority,
// the API's 500 answers.

import { AsyncLocalStorage } from "node:async_hooks";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { MetricUnit as Unit } from "@aws-lambda-powertools/metrics/types";
import { confidenceBand, type Severity } from "@stock-patterns/core";
import {
  BUSINESS_METRICS,
  type BusinessMetric,
  type Counter,
  METRICS_NAMESPACE,
} from "@stock-patterns/core/contracts";
import { logger } from "./logger";

/**
 * The values of a metric EMF takes in one line. Powertools prints the line itself when an array reaches
 * it, and clears the line's dimensions: the values after would be filed under the defaults alone.
 */
const LINE_VALUES = 100;

const NAMESPACE = process.env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS_NAMESPACE;
const SERVICE = process.env.POWERTOOLS_SERVICE_NAME ?? "stock-patterns";

/**
 * Every Metrics' settings. Its own warnings (a dimension value EMF does not take, an empty flush) go through
 * the JSON logger, as a line of the function that is running: Powertools prints them as plain text otherwise.
 */
const OPTIONS = { namespace: NAMESPACE, serviceName: SERVICE, logger };

/** The shared Powertools metrics (namespace from POWERTOOLS_METRICS_NAMESPACE, else core's). */
export const metrics = new Metrics(OPTIONS);

/**
 * One EMF line per call, for metrics whose dimension values differ call to call (EMF gives each dimension a
 * single value per line). Made once and reused: each addMetric prints its line and clears the dimensions,
 * so a fresh `singleMetric()` per call (a new Metrics and console each time, a hot spot in the stream
 * consumer's profile) prints the same lines. Every use adds its dimensions and metric with no await between.
 */
const line = metrics.singleMetric();

/**
 * Lines of many values: one line per dimension set, a metric's values in one array (up to LINE_VALUES a
 * line). Statistics are those of one line per value: each value is a sample. Made once, like `line`; each
 * use adds its dimensions, metrics and publishes, with no await between.
 */
const grouped = new Metrics(OPTIONS);

/**
 * Lines of a metric with a `plotted` set, filed under two dimension sets that share the plotted dimensions.
 * Powertools (2.35) warns on stderr, once a line, when two of a line's dimension sets name the same key,
 * though the values agree; it adds the default dimensions to every set without warning. So each line's
 * plotted dimensions are made this instance's defaults (with `service`), the others its first set
 * (`addDimension`), and an empty `addDimensions` set files the values under the defaults alone.
 */
const plottedLines = new Metrics(OPTIONS);

/** Readies `plottedLines` for one line: `dimensions`, and the `plotted` of them alone. */
function openPlottedLine(dimensions: Record<string, string>, plotted: readonly string[]) {
  plottedLines.clearDefaultDimensions();
  plottedLines.setDefaultDimensions({
    service: SERVICE,
    ...Object.fromEntries(plotted.map((name) => [name, dimensions[name] ?? ""])),
  });
  for (const [name, value] of Object.entries(dimensions))
    if (!plotted.includes(name)) plottedLines.addDimension(name, value);
  plottedLines.addDimensions({});
  return plottedLines;
}

/**
 * Prints a line per key of `groups` (per LINE_VALUES of its values): its dimensions and its values of
 * `metric` under them, and, for a metric with a `plotted` set (core's BUSINESS_METRICS), under those
 * dimensions alone too (a second dimension set in the same line: the values once).
 */
function publishGrouped<T>(
  groups: ReadonlyMap<string, { dimensions: Record<string, string>; values: T[] }>,
  metric: BusinessMetric,
  value: (item: T) => number,
  unit: Unit = MetricUnit.Count,
): void {
  const spec = BUSINESS_METRICS[metric];
  for (const { dimensions, values } of groups.values()) {
    for (let start = 0; start < values.length; start += LINE_VALUES) {
      // No dimensions of its own: the defaults alone (an empty set would be a second set of them).
      const target =
        "plotted" in spec
          ? openPlottedLine(dimensions, spec.plotted)
          : Object.keys(dimensions).length === 0
            ? grouped
            : grouped.addDimensions(dimensions);
      for (const item of values.slice(start, start + LINE_VALUES))
        target.addMetric(metric, unit, value(item));
      // A full line was printed by Powertools already (publishing nothing would warn on stderr).
      if (target.hasStoredMetrics()) target.publishStoredMetrics();
    }
  }
}

/** Items grouped by the dimensions `dimensionsOf` gives each, in first-seen order. */
function groupBy<T>(items: readonly T[], dimensionsOf: (item: T) => Record<string, string>) {
  const groups = new Map<string, { dimensions: Record<string, string>; values: T[] }>();
  for (const item of items) {
    const dimensions = dimensionsOf(item);
    const key = JSON.stringify(dimensions);
    const group = groups.get(key) ?? { dimensions, values: [] };
    group.values.push(item);
    groups.set(key, group);
  }
  return groups;
}

const DURATION: BusinessMetric = "PatternDetectionDuration";
const CONFIDENCE: BusinessMetric = "ConfidenceScore";
const ALERT_PRIORITY: BusinessMetric = "AlertPriority";
const SERVER_ERROR_ANSWERS: BusinessMetric = "ServerErrorAnswers";

/** One detection run: what it found and how long it took. */
export interface DetectionRun {
  detections: readonly { pattern: string; confidence: number }[];
  milliseconds: number;
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
  recordDetectionRuns([{ detections, milliseconds }], nothingFound);
}

/**
 * PatternDetectionDuration of many runs (a stream batch's symbols): each run's duration a value, once with
 * only the service dimension and once per (pattern, confidence band) it found, or under `nothingFound`
 * and band `none`; a line per dimension set (per LINE_VALUES values), not per run.
 *
 * @example
 * recordDetectionRuns([{ detections: [], milliseconds: 0.4 }, { detections: [], milliseconds: 0.3 }], "stream"); // 2 lines
 */
export function recordDetectionRuns(runs: readonly DetectionRun[], nothingFound: string): void {
  const byBand = runs.flatMap(({ detections, milliseconds }) => {
    if (detections.length === 0) return [{ PatternType: nothingFound, Confidence: "none", milliseconds }];
    const bands = new Set(
      detections.map(({ pattern, confidence }) => `${pattern}|${confidenceBand(confidence)}`),
    );
    return [...bands].map((key) => {
      const [PatternType = "", Confidence = ""] = key.split("|");
      return { PatternType, Confidence, milliseconds };
    });
  });
  const time = ({ milliseconds }: { milliseconds: number }) => milliseconds;
  publishGrouped(
    groupBy(runs, () => ({})),
    DURATION,
    time,
    MetricUnit.Milliseconds,
  );
  publishGrouped(
    groupBy(byBand, ({ PatternType, Confidence }) => ({ PatternType, Confidence })),
    DURATION,
    time,
    MetricUnit.Milliseconds,
  );
}

/**
 * ConfidenceScore of many detections of one symbol: one line per pattern type, its confidences as the
 * values (one sample per detection), filed per pattern and symbol and per pattern alone.
 *
 * @example
 * recordConfidences("SPX", [{ pattern: "HS", confidence: 92 }, { pattern: "HS", confidence: 80 }]) // one line
 */
export function recordConfidences(
  symbol: string,
  detections: readonly { pattern: string; confidence: number }[],
): void {
  const groups = groupBy(detections, ({ pattern }) => ({ PatternType: pattern, Symbol: symbol }));
  publishGrouped(groups, CONFIDENCE, ({ confidence }) => confidence);
}

/** The AlertPriority values of the batch in progress (see withAlertPrioritiesPerBatch), if any. */
const alertBatch = new AsyncLocalStorage<Severity[]>();

/**
 * Runs `work` with every AlertPriority it records (recordAlertPriorities, from any of its symbols)
 * printed together when it ends, fulfilled or not: a line per severity for a stream batch, not per symbol.
 *
 * @example
 * await withAlertPrioritiesPerBatch(() => Promise.allSettled(symbols.map(apply))); // a line per severity
 */
export async function withAlertPrioritiesPerBatch<T>(work: () => Promise<T>): Promise<T> {
  const severities: Severity[] = [];
  try {
    return await alertBatch.run(severities, work);
  } finally {
    recordAlertPriorities(severities);
  }
}

/** AlertPriority (count) with dimension Severity. */
export function recordAlertPriority(severity: Severity): void {
  recordAlertPriorities([severity]);
}

/**
 * AlertPriority of many alerts raised at once: one line per severity, a 1 for each alert (the samples
 * and sum of recordAlertPriority once each).
 *
 * @example
 * recordAlertPriorities(["HIGH", "MEDIUM", "HIGH"]) // two lines: HIGH [1, 1], MEDIUM [1]
 */
export function recordAlertPriorities(severities: readonly Severity[]): void {
  const batch = alertBatch.getStore();
  if (batch) {
    batch.push(...severities);
    return;
  }
  publishGrouped(
    groupBy(severities, (severity) => ({ Severity: severity })),
    ALERT_PRIORITY,
    () => 1,
  );
}

/**
 * ServerErrorAnswers: one 500 answer, by the version Lambda runs (AWS_LAMBDA_FUNCTION_VERSION; `$LATEST`
 * outside Lambda), so a release can tell the new version's failures from the old one's.
 */
export function recordServerErrorAnswer(): void {
  line.addDimensions({ ExecutedVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION ?? "$LATEST" });
  line.addMetric(SERVER_ERROR_ANSWERS, MetricUnit.Count, 1);
}

/** A plain count in the handler's metric set (flushed with `metrics.publishStoredMetrics()`). */
export function count(name: Counter, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** Flushes the handler's metric set, if it holds any (Powertools warns on an empty flush). */
export function publishMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
