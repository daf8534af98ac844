// Power tuning: the cost arithmetic, and PowerTuningWorkflow's ASL run against a local Lambda endpoint
// whose function is the PatternDetector itself (its real work is what gets measured).

import { powerTuningDefinition, TUNING_MEMORY_SIZES } from "@stock-patterns/core/workflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packBars } from "#analysis";
import { handler } from "#handlers/pattern-detector";
import { sp500 } from "#test/fixtures";
import { type LocalFunction, startLambda } from "#test/lambda";
import { runWorkflow } from "#test/step-functions";
import { billedDuration, invocationCost, type Measurement, selectMemory } from "./tuning";
import { tuneMeasure } from "./tuning-actions";

const m = (memoryMB: number, averageBilledMs: number): Measurement => ({
  memoryMB,
  invocations: 1,
  averageBilledMs,
  costPerInvocationUsd: invocationCost(memoryMB, averageBilledMs, "x86_64"),
});

describe("tuning arithmetic", () => {
  it("prices GB-seconds by architecture plus the request", () => {
    expect(invocationCost(1024, 1000, "x86_64")).toBeCloseTo(0.0000166667 + 0.0000002, 12);
    expect(invocationCost(2048, 500, "arm64")).toBeCloseTo(0.0000133334 + 0.0000002, 12);
  });

  it("reads the billed duration of a REPORT line", () => {
    expect(billedDuration("REPORT RequestId: x\tDuration: 10.21 ms\tBilled Duration: 11 ms\t")).toBe(11);
    expect(billedDuration("START RequestId: x")).toBeUndefined();
  });

  it("picks the cheapest size among those within the speed bound of the fastest", () => {
    const measured = [m(512, 400), m(1024, 190), m(1536, 130), m(2048, 100), m(3008, 95)];
    // Within 10 % of 95 ms: 2048 (100 ms) and 3008 (95 ms); 2048 is cheaper.
    expect(selectMemory(measured, 10).memoryMB).toBe(2048);
    // With no bound to speak of, the cheapest overall.
    expect(selectMemory(measured, 1000).memoryMB).toBe(1024);
    expect(() => selectMemory([], 10)).toThrow(RangeError);
  });
});

describe("PowerTuningWorkflow", () => {
  const DEFINITION = powerTuningDefinition("arn:aws:lambda:us-east-1:000000000000:function:PatternDetector");
  const detector: LocalFunction = {
    handler: (e) => handler(e),
    memoryMB: 1024,
    architecture: "arm64",
    invocations: [],
  };
  // A target that runs 300 ms, published once.
  const slow: LocalFunction = {
    handler: () => new Promise((resolve) => setTimeout(() => resolve({}), 300)),
    memoryMB: 1024,
    architecture: "arm64",
    invocations: [],
    versions: [{ version: "1", memoryMB: 1024, description: "power-tuning 1024 MB" }],
  };
  let lambda: Awaited<ReturnType<typeof startLambda>>;

  beforeAll(async () => {
    lambda = await startLambda({ PatternDetector: detector, Slow: slow });
    process.env.AWS_ENDPOINT_URL_LAMBDA = lambda.url;
  });
  afterAll(() => lambda.stop());

  it("measures a published version per memory size, cleans up, and recommends the cheapest within the bound", async () => {
    detector.invocations.length = 0;
    detector.qualifiers = [];
    // The deployed version (what `live` serves) exists before tuning and must survive it.
    detector.versions = [{ version: "1", memoryMB: 512, description: "deployed" }];
    detector.memoryMB = 512;
    const payload = {
      action: "detect",
      family: "triangle",
      symbol: "TUNE",
      interval: "1d",
      bars: packBars(sp500().slice(0, 600)),
    };
    const outcome = await runWorkflow(
      DEFINITION,
      { functionName: "PatternDetector", payload, invocations: 2, speedBoundPct: 10 },
      (e) => handler(e),
    );
    expect(outcome.status).toBe("SUCCEEDED");
    const selection = outcome.output as Measurement & { measurements: Measurement[]; speedBoundPct: number };
    // Each size ran on a published version, never on $LATEST: 512 MB is the deployed version 1 (Lambda
    // publishes nothing new for an unchanged $LATEST), the others versions 2-5.
    expect(detector.invocations).toEqual(TUNING_MEMORY_SIZES.flatMap((size) => [size, size]));
    expect(detector.qualifiers).toEqual(["1", "1", "2", "2", "3", "3", "4", "4", "5", "5"]);
    expect(selection.measurements.map((x) => x.memoryMB)).toEqual([...TUNING_MEMORY_SIZES]);
    expect(selection.memoryMB).toBe(selectMemory(selection.measurements, 10).memoryMB);
    // Reported, not applied: $LATEST is back on its memory and only the deployed version is left.
    expect(detector.memoryMB).toBe(512);
    expect(detector.versions).toEqual([{ version: "1", memoryMB: 512, description: "deployed" }]);
    // arm64 prices, as the function's configuration says.
    const chosen = selection.measurements.find((x) => x.memoryMB === selection.memoryMB) as Measurement;
    expect(chosen.costPerInvocationUsd).toBeCloseTo(
      invocationCost(chosen.memoryMB, chosen.averageBilledMs, "arm64"),
      15,
    );
  });

  it("restores $LATEST's memory, deletes its versions and fails when the function keeps failing", async () => {
    detector.memoryMB = 1536;
    detector.versions = [{ version: "1", memoryMB: 512, description: "deployed" }];
    const outcome = await runWorkflow(
      DEFINITION,
      { functionName: "PatternDetector", payload: { action: "nothing" }, invocations: 1 },
      (e) => handler(e),
    );
    expect(outcome).toMatchObject({ status: "FAILED", error: "PowerTuningFailed" });
    expect(detector.memoryMB).toBe(1536);
    expect(detector.versions).toEqual([{ version: "1", memoryMB: 512, description: "deployed" }]);
  });

  it("measures fewer invocations than asked when the call's time runs short, and says how many were asked", async () => {
    // 5.5 s left in the call: 0.5 s to measure after the margin, so one 300 ms run and no second.
    const measured = await tuneMeasure(
      {
        functionName: "Slow",
        version: "1",
        memoryMB: 1024,
        payload: {},
        invocations: 4,
        architecture: "arm64",
      },
      { getRemainingTimeInMillis: () => 5_500 },
    );
    expect(slow.invocations).toEqual([1024]);
    expect(measured).toMatchObject({ memoryMB: 1024, invocations: 1, invocationsAsked: 4 });
    expect(measured.averageBilledMs).toBeGreaterThanOrEqual(300);
    // With the whole share, every one asked, and nothing said of the asking.
    const whole = await tuneMeasure(
      {
        functionName: "Slow",
        version: "1",
        memoryMB: 1024,
        payload: {},
        invocations: 3,
        architecture: "arm64",
      },
      { getRemainingTimeInMillis: () => 59_000 },
    );
    expect(whole.invocations).toBe(3);
    expect(whole).not.toHaveProperty("invocationsAsked");
  });
});
