// Each stage files its custom metrics in its own namespace, and its alarms and dashboard read that one:
// production in core's, StockPatternDetection, a developer's stage beside it, so neither reads the other's.
import { METRICS_NAMESPACE } from "@stock-patterns/core/contracts";
import { describe, expect, inject, it } from "vitest";
import { ofType, type SynthGraph } from "../scripts/synth/graph";
import { searchedNamespace, stageMetricsNamespace } from "./metrics-namespace";
import { MAX_STAGE_LENGTH } from "./stage-name";

const production: SynthGraph = inject("production");
const alice: SynthGraph = inject("dev");

describe("a stage's metrics namespace", () => {
  it("is core's for production and core's with the stage's name for any other", () => {
    expect(stageMetricsNamespace("production")).toBe(METRICS_NAMESPACE);
    expect(stageMetricsNamespace("alice")).toBe(`${METRICS_NAMESPACE}/alice`);
    expect(stageMetricsNamespace("alice-2")).not.toBe(stageMetricsNamespace("alice"));
  });

  // PutMetricData's Namespace: 1 to 255 ASCII characters, no control characters, not starting with ":" or
  // "AWS/" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html).
  it("is a namespace CloudWatch takes for the longest stage name", () => {
    const longest = stageMetricsNamespace("q".repeat(MAX_STAGE_LENGTH));
    expect(longest.length).toBeLessThanOrEqual(255);
    expect(longest).toMatch(/^[^:][\x20-\x7e]*$/);
    expect(longest.startsWith("AWS/")).toBe(false);
  });

  it("is quoted in a SEARCH schema when it holds more than letters and digits", () => {
    expect(searchedNamespace(METRICS_NAMESPACE)).toBe(METRICS_NAMESPACE);
    expect(searchedNamespace(`${METRICS_NAMESPACE}/alice`)).toBe(`"${METRICS_NAMESPACE}/alice"`);
  });
});

type Query = { metric?: { namespace: string } };

/** Every custom (not AWS/) namespace the stage's alarms read, by alarm. */
function alarmedNamespaces(graph: SynthGraph): [string, string][] {
  return ofType(graph, "aws:cloudwatch/metricAlarm:MetricAlarm").flatMap((alarm) => {
    const namespaces = [
      alarm.inputs.namespace,
      ...((alarm.inputs.metricQueries ?? []) as Query[]).map((q) => q.metric?.namespace),
    ].filter((n): n is string => typeof n === "string" && !n.startsWith("AWS/"));
    return namespaces.map((n): [string, string] => [alarm.name, n]);
  });
}

/** The namespace of each SEARCH on the stage's dashboard, as its schema writes it. */
function searchedNamespaces(graph: SynthGraph): string[] {
  const [dashboard] = ofType(graph, "aws:cloudwatch/dashboard:Dashboard");
  const body = JSON.parse(String(dashboard?.inputs.dashboardBody)) as unknown;
  const expressions = JSON.stringify(body).match(/SEARCH\('\{(\\"[^\\]+\\"|[^,]+),/g) ?? [];
  return expressions.map((e) => e.slice("SEARCH('{".length, -1).replaceAll('\\"', '"'));
}

describe.each([
  ["production", production],
  ["alice", alice],
])("the %s stage", (stage, graph) => {
  const namespace = stageMetricsNamespace(stage);

  it("gives every function its namespace", () => {
    const functions = ofType(graph, "aws:lambda/function:Function");
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      const env = (fn.inputs.environment as { variables: Record<string, string> }).variables;
      expect(env.POWERTOOLS_METRICS_NAMESPACE, fn.name).toBe(namespace);
    }
  });

  it("alarms on its own custom metrics only", () => {
    const read = alarmedNamespaces(graph);
    // The detection duration's band reads a custom metric in every stage; outside `sst dev`, the Api's
    // new-version alarm (its 500 answers) too.
    expect(read.map(([alarm]) => alarm)).toContain("DetectionDurationAnomalyAlarm");
    for (const [alarm, n] of read) expect(n, alarm).toBe(namespace);
  });

  it("plots its own custom metrics only", () => {
    const searched = searchedNamespaces(graph);
    expect(searched.length).toBeGreaterThan(0);
    expect(new Set(searched)).toEqual(new Set([searchedNamespace(namespace)]));
  });
});
