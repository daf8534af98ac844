// The alarms and dashboard lines on the app's own metrics, read against what the functions print: the
// functions' metrics module run with the environment each function is given here, its EMF lines read back.
// CloudWatch files an EMF value under each dimension set of its line, and "each unique combination of
// dimensions" is a metric of its own: an alarm on a set, or a value, that no function prints has no data,
// and (missing data not breaching) never fires.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html (Dimensions)
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
// Which handler records which metric is the functions' tests' concern (observability/metrics.isolated.test.ts).
import {
  BUSINESS_METRICS,
  type BusinessMetric,
  COUNTERS,
  METRICS_NAMESPACE,
} from "@stock-patterns/core/contracts";
import { beforeAll, describe, expect, inject, it, vi } from "vitest";
import { ofType, resource, type SynthGraph } from "../scripts/synth/graph";

const graph: SynthGraph = inject("production");

type Recorders = typeof import("../packages/functions/src/observability/metrics");

/** How the functions record each business metric (one detection, one alert, one 500 answer). */
const RECORD: Record<BusinessMetric, (m: Recorders) => void> = {
  PatternDetectionDuration: (m) =>
    m.recordDetectionRun([{ pattern: "HS", confidence: 92 }], 12, "headAndShoulders"),
  ConfidenceScore: (m) => m.recordConfidences("AAPL", [{ pattern: "HS", confidence: 92 }]),
  AlertPriority: (m) => m.recordAlertPriorities(["HIGH"]),
  ServerErrorAnswers: (m) => m.recordServerErrorAnswer(),
};

interface Printed {
  namespace: string;
  metric: string;
  unit?: string;
  /** One dimension set of the line, its names sorted. */
  dimensions: string[];
  values: Record<string, unknown>;
}

/** Every metric the functions' module prints, in the environment the app gives `fn` (and its live alias' version). */
async function printedBy(fn: string): Promise<Printed[]> {
  const environment = (
    resource(graph, "aws:lambda/function:Function", `${fn}Function`).inputs.environment as {
      variables: Record<string, string>;
    }
  ).variables;
  vi.unstubAllEnvs();
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  // Lambda sets it to the version it runs: through the live alias, the alias' version.
  vi.stubEnv(
    "AWS_LAMBDA_FUNCTION_VERSION",
    String(resource(graph, "aws:lambda/alias:Alias", `${fn}LiveAlias`).inputs.functionVersion),
  );
  vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
  vi.resetModules();
  const recorders: Recorders = await import("../packages/functions/src/observability/metrics");
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    for (const record of Object.values(RECORD)) record(recorders);
    for (const counter of COUNTERS) recorders.count(counter);
    recorders.publishMetrics();
  } finally {
    write.mockRestore();
    vi.unstubAllEnvs();
  }
  return chunks
    .join("")
    .split("\n")
    .filter((line) => line.includes('"_aws"'))
    .flatMap((line) => {
      const { _aws, ...values } = JSON.parse(line) as {
        _aws: {
          CloudWatchMetrics: {
            Namespace: string;
            Dimensions: string[][];
            Metrics: { Name: string; Unit?: string }[];
          }[];
        };
      } & Record<string, unknown>;
      return _aws.CloudWatchMetrics.flatMap((directive) =>
        directive.Metrics.flatMap((m) =>
          directive.Dimensions.map((set) => ({
            namespace: directive.Namespace,
            metric: m.Name,
            unit: m.Unit,
            dimensions: [...set].sort(),
            values,
          })),
        ),
      );
    });
}

/** Each function by the name its resources carry (`<name>Function`). */
const functionNames = ofType(graph, "aws:lambda/function:Function").map((f) =>
  f.name.replace(/Function$/, ""),
);

const printed: Printed[] = [];
beforeAll(async () => {
  for (const fn of functionNames) printed.push(...(await printedBy(fn)));
});

interface AlarmMetric {
  namespace: string;
  metricName: string;
  dimensions?: Record<string, string>;
  unit?: string;
}

/** Each metric an alarm reads in the app's namespace, alone or among its metric math. */
const alarmMetrics = ofType(graph, "aws:cloudwatch/metricAlarm:MetricAlarm").flatMap((alarm) => {
  const queries = (alarm.inputs.metricQueries ?? []) as { metric?: AlarmMetric }[];
  const metrics =
    queries.length > 0
      ? queries.flatMap((q) => (q.metric ? [q.metric] : []))
      : [alarm.inputs as unknown as AlarmMetric];
  return metrics
    .filter((m) => m.namespace === METRICS_NAMESPACE)
    .map((metric) => ({ alarm: alarm.name, metric }));
});

describe("alarms on the app's own metrics", () => {
  it("has some to check: the release's 500 answers and detection time", () => {
    expect(alarmMetrics.map((a) => a.metric.metricName).sort()).toEqual(
      ["PatternDetectionDuration", "ServerErrorAnswers"].sort(),
    );
  });

  it.each(alarmMetrics)(
    "$alarm reads a metric a function prints, under that dimension set and those values",
    ({ metric }) => {
      const dimensions = metric.dimensions ?? {};
      const matching = printed.filter(
        (p) =>
          p.namespace === metric.namespace &&
          p.metric === metric.metricName &&
          JSON.stringify(p.dimensions) === JSON.stringify(Object.keys(dimensions).sort()),
      );
      expect(
        matching,
        `no function prints ${metric.metricName} under ${Object.keys(dimensions)}`,
      ).not.toEqual([]);
      expect(
        matching.some((p) => Object.entries(dimensions).every(([name, value]) => p.values[name] === value)),
        `${metric.metricName} ${JSON.stringify(dimensions)}; printed ${JSON.stringify(matching.map((p) => p.values))}`,
      ).toBe(true);
      if (metric.unit) expect(matching.map((p) => p.unit)).toContain(metric.unit);
    },
  );
});

describe("the dashboard's searches of the app's own metrics", () => {
  const body = String(
    resource(graph, "aws:cloudwatch/dashboard:Dashboard", "OperationsDashboard").inputs.dashboardBody,
  );
  /** Each SEARCH's schema (namespace and dimension names) and metric name. */
  const searches = [...body.matchAll(/SEARCH\('\{([^}]*)\} MetricName=\\"([^\\]+)\\"'/g)].map(
    ([, schema = "", metric]) => {
      const [namespace, ...dimensions] = schema.split(",");
      return { namespace, metric, dimensions: dimensions.sort(), schema: dimensions.join(",") };
    },
  );

  it("searches for every business metric and every counter", () => {
    expect(new Set(searches.map((s) => s.metric))).toEqual(
      new Set([...Object.keys(BUSINESS_METRICS), ...COUNTERS]),
    );
  });

  // A search schema matches only metrics with exactly those dimensions.
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/search-expression-syntax.html
  it.each(searches)("plots $metric by {$schema}, a dimension set the functions print it with", (search) => {
    expect(
      printed
        .filter((p) => p.namespace === search.namespace && p.metric === search.metric)
        .map((p) => p.dimensions),
    ).toContainEqual(search.dimensions);
  });
});
