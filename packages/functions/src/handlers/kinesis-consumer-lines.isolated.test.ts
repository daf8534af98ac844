// What a KinesisConsumer batch prints, at the log level deployed (INFO) with metrics on: on AWS every line
// is ingested by CloudWatch Logs and billed by the byte (docs/capacity.md, "CloudWatch Logs"). At 1-second
// bars a batch holds hundreds of symbols of about 5 bars each: a line per symbol is a line every few bars.

import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { lambdaContext, StreamReader } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { printedDuring } from "#test/printed";

const reader = new StreamReader();
afterAll(() => reader.close());
afterEach(() => {
  vi.unstubAllEnvs();
});

/** The lines `work` prints on stdout and stderr, on freshly loaded modules, metrics on and logs at INFO. */
async function printedBy(work: (consume: typeof import("./kinesis-consumer").handler) => Promise<unknown>) {
  vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "INFO");
  vi.resetModules();
  const { handler } = await import("./kinesis-consumer");
  const printed = await printedDuring(() => work(handler));
  const lines = (text: string) => text.split("\n").filter((line) => line !== "");
  return { stdout: lines(printed.stdout), stderr: lines(printed.stderr) };
}

/** The metric names and first dimension set of an EMF line, and its values of `metric`. */
function emf(line: string, metric: string) {
  const entry = JSON.parse(line) as Record<string, unknown> & {
    _aws: { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  };
  const [directive] = entry._aws.CloudWatchMetrics;
  return {
    metrics: directive?.Metrics.map(({ Name }) => Name),
    dimensions: directive?.Dimensions[0],
    values: metric in entry ? [entry[metric]].flat().length : 0,
  };
}

describe("a stream batch's printed lines", () => {
  it("are a few per batch, not a few per symbol: 40 symbols of one bar each print 3 lines", async () => {
    const [bar] = sp500();
    const symbols = Array.from({ length: 40 }, (_, i) => `LINES${i}`);
    await reader.put(
      symbols.map((symbol) => ({ partitionKey: symbol, data: { symbol, interval: "1d", ...bar } })),
    );
    const event = await reader.nextEvent();
    expect(event.Records).toHaveLength(40);
    const { stdout, stderr } = await printedBy(async (consume) => {
      const { batchItemFailures } = await consume(event, lambdaContext("KinesisConsumer"));
      expect(batchItemFailures).toEqual([]);
    });
    expect(stderr).toEqual([]);
    // No log line at INFO; the detector's time of each symbol as a value of one line per dimension set (a
    // single bar finds nothing: filed under "stream", "none"), and the batch's counts.
    expect(stdout.map((line) => emf(line, "PatternDetectionDuration"))).toEqual([
      { metrics: ["PatternDetectionDuration"], dimensions: ["service"], values: 40 },
      {
        metrics: ["PatternDetectionDuration"],
        dimensions: ["service", "PatternType", "Confidence"],
        values: 40,
      },
      {
        metrics: [
          "BarsApplied",
          "DuplicateBars",
          "LateRecords",
          "ConflictingRecords",
          "OutcomesMoved",
          "LifecycleMessagesSent",
        ],
        dimensions: ["service"],
        values: 0,
      },
    ]);
    expect(JSON.parse(stdout[1] ?? "{}")).toMatchObject({ PatternType: "stream", Confidence: "none" });
    // The batch's counts are its sums, a value each (the dashboard plots their Sum), not a value per symbol.
    expect(JSON.parse(stdout[2] ?? "{}")).toMatchObject({
      BarsApplied: 40,
      DuplicateBars: 0,
      LateRecords: 0,
      ConflictingRecords: 0,
      OutcomesMoved: 0,
      LifecycleMessagesSent: 0,
    });
  });

  it("count the batch's new alerts in a line per severity, whatever the number of symbols raising them", async () => {
    const symbols = Array.from({ length: 6 }, (_, i) => `RAISE${i}`);
    const records = symbols.flatMap((symbol) =>
      sp500()
        .slice(0, 300)
        .map((bar) => ({ partitionKey: symbol, data: { symbol, interval: "1d", ...bar } })),
    );
    for (let i = 0; i < records.length; i += 500) await reader.put(records.slice(i, i + 500));
    const event = await reader.nextEvent();
    expect(event.Records).toHaveLength(1800);
    const { stdout, stderr } = await printedBy(async (consume) => {
      const { batchItemFailures } = await consume(event, lambdaContext("KinesisConsumer"));
      expect(batchItemFailures).toEqual([]);
    });
    expect(stderr).toEqual([]);
    const priorities = stdout
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => "AlertPriority" in entry);
    const severities = priorities.map((entry) => entry.Severity);
    // Each symbol raises alerts of several severities: one line each per symbol would be tens of lines.
    expect(new Set(severities).size).toBe(severities.length);
    expect(severities.length).toBeGreaterThan(1);
    const raised = priorities.flatMap((entry) => [entry.AlertPriority].flat()).length;
    expect(raised).toBeGreaterThanOrEqual(6 * severities.length);
  });
});
