// Every alarm as PutMetricAlarm takes it, on both synthesized stages: what the call accepts in its metric
// queries, comparison operators, statistics and missing-data treatment. The evaluation window (period x
// evaluation periods) is checked in deploy-limits.test.ts, the functions of metric math in operations.test.ts.
import { describe, expect, inject, it } from "vitest";
import { ofType, type SynthGraph, type SynthResource } from "../scripts/synth/graph";

const graphs: [string, SynthGraph][] = [
  ["production", inject("production")],
  ["sst dev", inject("dev")],
];

interface Query {
  id: string;
  expression?: string;
  returnData?: boolean;
  metric?: { period?: number; stat?: string };
}

const queriesOf = (alarm: SynthResource) => (alarm.inputs.metricQueries ?? []) as Query[];

// PutMetricAlarm: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
// MetricDataQuery: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataQuery.html
describe.each(graphs)("%s", (_, graph) => {
  const alarms = ofType(graph, "aws:cloudwatch/metricAlarm:MetricAlarm");
  const withQueries = alarms.filter((alarm) => queriesOf(alarm).length > 0);

  it("has alarms on one metric and alarms on metric math to check", () => {
    expect(withQueries.length).toBeGreaterThanOrEqual(5);
    expect(alarms.length - withQueries.length).toBeGreaterThanOrEqual(5);
  });

  // "A single PutMetricAlarm call can include up to 20 MetricDataQuery structures ... as many as 10 ... that
  // contain a MetricStat ... and as many as 10 ... that contain the Expression parameter." Id: "The first
  // character must be a lowercase letter", letters, numbers and underscores; unique within the call.
  it("gives each alarm at most 10 metrics and 10 expressions, under unique ids that begin with a lowercase letter", () => {
    for (const alarm of withQueries) {
      const queries = queriesOf(alarm);
      const metrics = queries.filter((q) => q.metric);
      const expressions = queries.filter((q) => q.expression);
      expect(metrics.length + expressions.length, `${alarm.name}: a metric or an expression each`).toBe(
        queries.length,
      );
      expect(metrics.length, alarm.name).toBeLessThanOrEqual(10);
      expect(expressions.length, alarm.name).toBeLessThanOrEqual(10);
      const ids = queries.map((q) => q.id);
      for (const id of ids) expect(id, alarm.name).toMatch(/^[a-z][A-Za-z0-9_]*$/);
      expect(new Set(ids).size, alarm.name).toBe(ids.length);
    }
  });

  // ReturnData: "When used in PutMetricAlarm, specify true for the one expression result to use as the alarm.
  // For all other metrics and expressions in the same PutMetricAlarm operation, specify ReturnData as False."
  // An anomaly detection alarm watches its metric against the band ThresholdMetricId names ("make this value
  // match the ID of the ANOMALY_DETECTION_BAND function"), and then has no Threshold: both return data, as
  // in AWS's own example (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Anomaly_Detection_Alarm.html).
  it("watches exactly one query, or an anomaly band and the one metric it is drawn around", () => {
    for (const alarm of withQueries) {
      const queries = queriesOf(alarm);
      const watched = queries.filter((q) => q.returnData).map((q) => q.id);
      const bandId = alarm.inputs.thresholdMetricId;
      if (bandId === undefined) {
        expect(watched, alarm.name).toHaveLength(1);
        expect(alarm.inputs.threshold, alarm.name).toEqual(expect.any(Number));
        continue;
      }
      expect(alarm.inputs.threshold, `${alarm.name} has a band, not a threshold`).toBeUndefined();
      const band = queries.find((q) => q.id === bandId);
      const [, around] = /^ANOMALY_DETECTION_BAND\((\w+)(, *[\d.]+)?\)$/.exec(band?.expression ?? "") ?? [];
      expect(around, `${alarm.name}: ${band?.expression}`).toBeDefined();
      expect(queries.find((q) => q.id === around)?.metric, alarm.name).toBeDefined();
      expect([...watched].sort(), alarm.name).toEqual([bandId, around].sort());
    }
  });

  // "If you use the Metrics parameter, you cannot include the Namespace, MetricName, Dimensions, Period,
  // Unit, Statistic, or ExtendedStatistic parameters of PutMetricAlarm in the same operation."
  it("leaves the single-metric parameters off an alarm on metric math", () => {
    const single = [
      "namespace",
      "metricName",
      "dimensions",
      "period",
      "unit",
      "statistic",
      "extendedStatistic",
    ];
    for (const alarm of withQueries)
      for (const field of single) expect(alarm.inputs[field], `${alarm.name} ${field}`).toBeUndefined();
  });

  // Statistic: SampleCount | Average | Sum | Minimum | Maximum (percentiles go in ExtendedStatistic).
  it("reads every single metric with a statistic PutMetricAlarm names", () => {
    for (const alarm of alarms.filter((a) => queriesOf(a).length === 0)) {
      expect(alarm.inputs).toMatchObject({
        namespace: expect.any(String),
        metricName: expect.any(String),
        period: expect.any(Number),
      });
      expect(["SampleCount", "Average", "Sum", "Minimum", "Maximum"], alarm.name).toContain(
        alarm.inputs.statistic,
      );
    }
  });

  // ComparisonOperator: "The values LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold, and
  // GreaterThanUpperThreshold are used only for alarms based on anomaly detection models."
  // TreatMissingData: breaching | notBreaching | ignore | missing. AlarmDescription: 0 to 1,024 characters.
  it("compares as its kind of alarm may, treats missing data as CloudWatch knows, and is described in 1,024 characters", () => {
    const band = [
      "LessThanLowerOrGreaterThanUpperThreshold",
      "LessThanLowerThreshold",
      "GreaterThanUpperThreshold",
    ];
    const threshold = [
      "GreaterThanOrEqualToThreshold",
      "GreaterThanThreshold",
      "LessThanThreshold",
      "LessThanOrEqualToThreshold",
    ];
    for (const alarm of alarms) {
      const operators = alarm.inputs.thresholdMetricId === undefined ? threshold : band;
      expect(operators, alarm.name).toContain(alarm.inputs.comparisonOperator);
      if (alarm.inputs.treatMissingData !== undefined)
        expect(["breaching", "notBreaching", "ignore", "missing"], alarm.name).toContain(
          alarm.inputs.treatMissingData,
        );
      expect(String(alarm.inputs.alarmDescription ?? "").length, alarm.name).toBeLessThanOrEqual(1024);
    }
  });
});
