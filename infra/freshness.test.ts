// The freshness alarms as synthesized: the KinesisConsumer's lag behind the stream, on the invocations its
// mapping makes, and the ThresholdChecker's schedule falling silent, on the invocations the rule makes.
import { EVENT_SOURCES, STREAM } from "@stock-patterns/core/catalog";
import { intervalSchema } from "@stock-patterns/core/contracts";
import { describe, expect, inject, it } from "vitest";
import { resource, type SynthGraph } from "../scripts/synth/graph";

const production: SynthGraph = inject("production");
const dev: SynthGraph = inject("dev");

/**
 * The Lambda metric dimensions of what an ARN invokes: the function, and the alias (Resource `name:alias`)
 * when the ARN names one. https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-view.html
 */
function invokedDimensions(arn: string): Record<string, string> {
  const [, name = "", qualifier] = /:function:([^:]+)(?::([^:]+))?$/.exec(arn) ?? [];
  expect(name, arn).not.toBe("");
  return qualifier ? { FunctionName: name, Resource: `${name}:${qualifier}` } : { FunctionName: name };
}

const alarm = (graph: SynthGraph, name: string) =>
  resource(graph, "aws:cloudwatch/metricAlarm:MetricAlarm", name).inputs;

describe("the stream's lag", () => {
  it.each([
    ["production", production],
    ["alice (sst dev)", dev],
  ])("%s alarms on the IteratorAge of the invocations the KinesisConsumer's mapping makes", (_, graph) => {
    const mapping = resource(
      graph,
      "aws:lambda/eventSourceMapping:EventSourceMapping",
      "KinesisConsumerMapping",
    );
    const lag = alarm(graph, "KinesisConsumerLagAlarm");
    expect(lag).toMatchObject({
      namespace: "AWS/Lambda",
      metricName: "IteratorAge",
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      // No batch, no age: a stream without bars is not late.
      treatMissingData: "notBreaching",
    });
    expect(lag.dimensions).toEqual(invokedDimensions(String(mapping.inputs.functionName)));
    expect(String(lag.name)).toMatch(new RegExp(`^stock-patterns-${graph.app.stage}--`));
  });

  it("deployed, counts the live alias the mapping invokes", () => {
    const lag = alarm(production, "KinesisConsumerLagAlarm");
    expect(Object.keys(lag.dimensions as object).sort()).toEqual(["FunctionName", "Resource"]);
    expect(String((lag.dimensions as Record<string, string>).Resource)).toMatch(/:live$/);
  });

  it("fires once records wait a bar of the shortest interval the stream takes, well past the batching window", () => {
    // 1m is the shortest interval a bar may have (the stream refuses seconds): past 60 s, the next bar of
    // such a series is on the stream before the last one was looked at.
    expect(intervalSchema.safeParse("1m").success).toBe(true);
    for (const shorter of ["30s", "1s", "0m"])
      expect(intervalSchema.safeParse(shorter).success, shorter).toBe(false);
    const lag = alarm(production, "KinesisConsumerLagAlarm");
    expect(lag.threshold).toBe(60_000);
    // A batch waits up to the batching window by design; that alone must never reach the threshold.
    expect(Number(lag.threshold)).toBeGreaterThan(
      EVENT_SOURCES.KinesisConsumer.maxBatchingWindowSeconds * 1000 * 5,
    );
    // Lambda publishes a datapoint a minute; a few minutes in a row, not one slow batch.
    expect(lag.period).toBe(60);
    expect(Number(lag.datapointsToAlarm)).toBeGreaterThanOrEqual(3);
  });
});

describe("the stream's consumer standing still", () => {
  type Query = {
    id: string;
    expression?: string;
    returnData?: boolean;
    metric?: { namespace: string; metricName: string; dimensions: unknown; period: number; stat: string };
  };

  it.each([
    ["production", production],
    ["alice (sst dev)", dev],
  ])("%s alarms when the stream takes records while the alias its mapping invokes runs none", (_, graph) => {
    const mapping = resource(
      graph,
      "aws:lambda/eventSourceMapping:EventSourceMapping",
      "KinesisConsumerMapping",
    );
    const stream = resource(graph, "aws:kinesis/stream:Stream", `${STREAM.name}Stream`);
    const stalled = alarm(graph, "KinesisConsumerStalledAlarm");
    const queries = stalled.metricQueries as Query[];
    const records = queries.find((q) => q.metric?.metricName === "IncomingRecords");
    const invocations = queries.find((q) => q.metric?.metricName === "Invocations");
    expect(records?.metric).toMatchObject({
      namespace: "AWS/Kinesis",
      dimensions: { StreamName: stream.inputs.name },
      stat: "Sum",
    });
    expect(invocations?.metric).toMatchObject({
      namespace: "AWS/Lambda",
      dimensions: invokedDimensions(String(mapping.inputs.functionName)),
      stat: "Sum",
    });
    // A minute without records or without invocations has no datapoint: each is read as 0, not skipped.
    const [watched, ...others] = queries.filter((q) => q.returnData);
    expect(others).toEqual([]);
    expect(watched?.expression).toContain(`FILL(${records?.id}, 0) > 0`);
    expect(watched?.expression).toContain(`FILL(${invocations?.id}, 0) == 0`);
    expect(watched?.expression).toMatch(/^IF\(/);
    expect(stalled).toMatchObject({
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      // No records, nothing to read: a closed market is not a stalled consumer.
      treatMissingData: "notBreaching",
    });
    expect(String(stalled.name)).toMatch(new RegExp(`^stock-patterns-${graph.app.stage}--`));
  });

  it("waits a few minutes, past one batch at the function's timeout, before calling the consumer stalled", () => {
    const stalled = alarm(production, "KinesisConsumerStalledAlarm");
    const [period] = new Set((stalled.metricQueries as Query[]).flatMap((q) => q.metric?.period ?? []));
    expect(period).toBe(300);
    expect(stalled.datapointsToAlarm ?? stalled.evaluationPeriods).toBe(stalled.evaluationPeriods);
    const window = Number(stalled.evaluationPeriods) * Number(period);
    // A record landing at a period's end is read in the next one; only a run of empty periods is a stall.
    expect(Number(stalled.evaluationPeriods)).toBeGreaterThanOrEqual(2);
    expect(window).toBeLessThanOrEqual(15 * 60);
    const timeout = Number(
      resource(production, "aws:lambda/function:Function", "KinesisConsumerFunction").inputs.timeout,
    );
    expect(window).toBeGreaterThan(timeout);
  });
});

describe("the ThresholdChecker's schedule", () => {
  /** Seconds between runs of an EventBridge `rate(n minutes)` rule. */
  const rateSeconds = (expression: unknown) => {
    const [, minutes] = /^rate\((\d+) minutes?\)$/.exec(String(expression)) ?? [];
    return Number(minutes) * 60;
  };

  it.each([
    ["production", production],
    ["alice (sst dev)", dev],
  ])("%s alarms when the alias the schedule invokes has not run for a few of its periods", (_, graph) => {
    const rule = resource(graph, "aws:cloudwatch/eventRule:EventRule", "ThresholdCheckerSchedule");
    const target = resource(
      graph,
      "aws:cloudwatch/eventTarget:EventTarget",
      "ThresholdCheckerScheduleTarget",
    );
    const silence = alarm(graph, "ThresholdCheckerSilentAlarm");
    expect(silence).toMatchObject({
      namespace: "AWS/Lambda",
      metricName: "Invocations",
      statistic: "Sum",
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      // Lambda publishes no Invocations for a period without any: that silence is what this alarm is for.
      // It also fires once on a first deploy, before the first run. No other treatment tells a schedule not
      // started yet from one stopped without hiding the stop: notBreaching never fires, ignore keeps OK,
      // missing goes to INSUFFICIENT_DATA when every datapoint is missing (the alarm-state rule forwards
      // only ALARM), and FILL(runs, 0) makes both zeros, as breaching does.
      // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html
      treatMissingData: "breaching",
    });
    expect(silence.dimensions).toEqual(invokedDimensions(String(target.inputs.arn)));
    // One period per scheduled run, from the catalog the rule is made from.
    expect(silence.period).toBe(rateSeconds(rule.inputs.scheduleExpression));
    expect(silence.period).toBe(EVENT_SOURCES.ThresholdChecker.scheduleMinutes * 60);
    // A run landing late in the next period empties one period; only several in a row are silence.
    expect(Number(silence.evaluationPeriods)).toBeGreaterThanOrEqual(3);
    expect(silence.datapointsToAlarm ?? silence.evaluationPeriods).toBe(silence.evaluationPeriods);
    expect(String(silence.name)).toMatch(new RegExp(`^stock-patterns-${graph.app.stage}--`));
  });
});
