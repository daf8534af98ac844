// Every event source mapping as CreateEventSourceMapping takes it, on both synthesized stages: the ranges
// of its settings and the settings each kind of source allows. The catalog's values and the queues'
// visibility against their consumers are checked in functions.test.ts.
// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
import { describe, expect, inject, it } from "vitest";
import { ofType, type SynthGraph, type SynthResource } from "../scripts/synth/graph";

const graphs: [string, SynthGraph][] = [
  ["production", inject("production")],
  ["sst dev", inject("dev")],
];

/** A setting's value, or undefined when the mapping leaves it to Lambda's default. */
const setting = (mapping: SynthResource, name: string) =>
  mapping.inputs[name] === undefined ? undefined : Number(mapping.inputs[name]);

/** Settings CreateEventSourceMapping documents as "(Kinesis, DynamoDB Streams, ...) only": none is an SQS one. */
const STREAM_ONLY = [
  "startingPosition",
  "bisectBatchOnFunctionError",
  "maximumRetryAttempts",
  "maximumRecordAgeInSeconds",
  "parallelizationFactor",
  "tumblingWindowInSeconds",
  "destinationConfig",
];

describe.each(graphs)("%s", (_, graph) => {
  const mappings = ofType(graph, "aws:lambda/eventSourceMapping:EventSourceMapping");
  const fromStream = mappings.filter((m) => String(m.inputs.eventSourceArn).startsWith("arn:aws:kinesis:"));
  const fromQueues = mappings.filter((m) => String(m.inputs.eventSourceArn).startsWith("arn:aws:sqs:"));

  it("reads one stream and two queues", () => {
    expect(fromStream).toHaveLength(1);
    expect(fromQueues).toHaveLength(2);
    expect(mappings).toHaveLength(3);
  });

  // Kinesis: BatchSize 1-10,000; MaximumBatchingWindowInSeconds 0-300; MaximumRetryAttempts -1 (infinite)
  // to 10,000; MaximumRecordAgeInSeconds -1 or 60-604,800; ParallelizationFactor 1-10;
  // TumblingWindowInSeconds 0-900; StartingPosition required (TRIM_HORIZON, LATEST or AT_TIMESTAMP); the
  // on-failure destination of a stream is an SQS queue, an SNS topic or an S3 bucket.
  it("keeps the stream's mapping within Kinesis' ranges, with a starting position and an on-failure destination Lambda takes", () => {
    for (const mapping of fromStream) {
      const batch = setting(mapping, "batchSize") ?? 100;
      expect(batch, mapping.name).toBeGreaterThanOrEqual(1);
      expect(batch, mapping.name).toBeLessThanOrEqual(10_000);
      const window = setting(mapping, "maximumBatchingWindowInSeconds") ?? 0;
      expect(window, mapping.name).toBeGreaterThanOrEqual(0);
      expect(window, mapping.name).toBeLessThanOrEqual(300);
      const retries = setting(mapping, "maximumRetryAttempts") ?? -1;
      expect(retries, mapping.name).toBeGreaterThanOrEqual(-1);
      expect(retries, mapping.name).toBeLessThanOrEqual(10_000);
      const age = setting(mapping, "maximumRecordAgeInSeconds") ?? -1;
      expect(age === -1 || (age >= 60 && age <= 604_800), `${mapping.name}: ${age}`).toBe(true);
      const factor = setting(mapping, "parallelizationFactor") ?? 1;
      expect(factor, mapping.name).toBeGreaterThanOrEqual(1);
      expect(factor, mapping.name).toBeLessThanOrEqual(10);
      const tumbling = setting(mapping, "tumblingWindowInSeconds") ?? 0;
      expect(tumbling, mapping.name).toBeGreaterThanOrEqual(0);
      expect(tumbling, mapping.name).toBeLessThanOrEqual(900);
      expect(["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"], mapping.name).toContain(
        mapping.inputs.startingPosition,
      );
      const destination = (mapping.inputs.destinationConfig as { onFailure?: { destinationArn?: string } })
        ?.onFailure?.destinationArn;
      expect(String(destination), mapping.name).toMatch(/^arn:aws:(sqs|sns|s3):/);
      // "When using an Amazon SQS queue as a destination, FIFO queues cannot be used."
      // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
      const queue = ofType(graph, "aws:sqs/queue:Queue").find(
        (q) => String(destination).split(":").at(-1) === q.inputs.name,
      );
      if (String(destination).startsWith("arn:aws:sqs:")) {
        expect(queue, `${mapping.name}'s destination is a declared queue`).toBeDefined();
        expect(queue?.inputs.fifoQueue, mapping.name).not.toBe(true);
      }
    }
  });

  // SQS: BatchSize 1-10,000 on a standard queue, 10 at most on a FIFO one, "when you set BatchSize to a value
  // greater than 10, you must set MaximumBatchingWindowInSeconds to at least 1"; the settings of streams do
  // not apply (a queue's failures go to its own redrive policy), so none is set.
  it("keeps the queues' mappings within SQS' batch rules, with none of the stream-only settings", () => {
    const queues = ofType(graph, "aws:sqs/queue:Queue");
    for (const mapping of fromQueues) {
      const queueName = String(mapping.inputs.eventSourceArn).split(":").at(-1);
      const queue = queues.find((q) => q.inputs.name === queueName);
      expect(queue, `${mapping.name} reads a declared queue`).toBeDefined();
      const batch = setting(mapping, "batchSize") ?? 10;
      expect(batch, mapping.name).toBeGreaterThanOrEqual(1);
      expect(batch, mapping.name).toBeLessThanOrEqual(queue?.inputs.fifoQueue ? 10 : 10_000);
      const window = setting(mapping, "maximumBatchingWindowInSeconds") ?? 0;
      expect(window, mapping.name).toBeLessThanOrEqual(300);
      if (batch > 10) expect(window, mapping.name).toBeGreaterThanOrEqual(1);
      for (const field of STREAM_ONLY)
        expect(mapping.inputs[field], `${mapping.name} ${field}`).toBeUndefined();
    }
  });

  // FunctionResponseTypes: the one value Lambda takes is ReportBatchItemFailures.
  it("asks every function for partial batch responses, the one response type Lambda knows", () => {
    for (const mapping of mappings)
      expect(mapping.inputs.functionResponseTypes, mapping.name).toEqual(["ReportBatchItemFailures"]);
  });
});
