// The EMF that Powertools prints is what CloudWatch turns into metrics: check its dimensions.
import { BUSINESS_METRICS, METRICS_NAMESPACE } from "@stock-patterns/core/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { queuedAlert } from "#test/fixtures";
import { TEST_KEYS } from "#test/keys";
import { printedDuring } from "#test/printed";

interface Emf {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [key: string]: unknown;
}

/** The one metric directive of an EMF line and its first dimension set, sorted (a `plotted` set follows it). */
function directiveOf(entry: Emf) {
  const [directive] = entry._aws.CloudWatchMetrics;
  const [dimensions] = directive?.Dimensions ?? [];
  if (!directive || !dimensions)
    throw new Error(`an EMF line without its directive: ${JSON.stringify(entry)}`);
  return { directive, dimensions: [...dimensions].sort() };
}

/** What `work` prints on stdout and stderr, run on freshly loaded modules (metrics enabled, this service). */
async function printedBy(work: (metrics: typeof import("./metrics")) => unknown) {
  vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
  vi.stubEnv("POWERTOOLS_SERVICE_NAME", "PatternDetector");
  // The namespace must come from the code itself, not only from the variable infra sets.
  vi.stubEnv("POWERTOOLS_METRICS_NAMESPACE", undefined);
  vi.resetModules();
  const module = await import("./metrics");
  return printedDuring(() => work(module));
}

/** The EMF lines printed while `work` runs on freshly loaded modules (metrics enabled, this service). */
async function emittedBy(work: (metrics: typeof import("./metrics")) => unknown): Promise<Emf[]> {
  const { stdout } = await printedBy(work);
  return stdout
    .split("\n")
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("PatternDetectionDuration", () => {
  it("is emitted once with only the service dimension and once per pattern and confidence band", async () => {
    const emf = await emittedBy(({ recordDetectionRun }) =>
      recordDetectionRun(
        [
          { pattern: "HS", confidence: 92 },
          { pattern: "HS", confidence: 95 },
          { pattern: "DTOP", confidence: 70 },
        ],
        12,
        "headAndShoulders",
      ),
    );
    const dimensionSets = emf.map((entry) => directiveOf(entry).dimensions);
    const { dimensions } = declared("PatternDetectionDuration");
    expect(dimensionSets).toEqual([["service"], dimensions, dimensions]);
    expect(emf[0]).toMatchObject({ service: "PatternDetector", PatternDetectionDuration: 12 });
    expect(emf.slice(1).map((entry) => [entry.PatternType, entry.Confidence])).toEqual([
      ["HS", "90-100"],
      ["DTOP", "60-74"],
    ]);
    for (const entry of emf) expect(directiveOf(entry).directive.Namespace).toBe(METRICS_NAMESPACE);
  });

  it("carries no dimension of the line before (one Metrics reused for every line)", async () => {
    const emf = await emittedBy(({ recordDetectionRun, recordAlertPriority }) => {
      recordDetectionRun([{ pattern: "HS", confidence: 92 }], 5, "headAndShoulders");
      recordAlertPriority("HIGH");
      recordDetectionRun([], 4, "triangle");
    });
    expect(emf.map((entry) => directiveOf(entry).dimensions)).toEqual([
      ["service"],
      declared("PatternDetectionDuration").dimensions,
      declared("AlertPriority").dimensions,
      ["service"],
      declared("PatternDetectionDuration").dimensions,
    ]);
    expect(emf[4]).toMatchObject({
      PatternType: "triangle",
      Confidence: "none",
      PatternDetectionDuration: 4,
    });
  });

  it("puts many runs' durations in a line per dimension set, each run's time a value in Milliseconds", async () => {
    const emf = await emittedBy(({ recordDetectionRuns }) =>
      recordDetectionRuns(
        [
          { detections: [], milliseconds: 3 },
          { detections: [{ pattern: "HS", confidence: 92 }], milliseconds: 5 },
          {
            detections: [
              { pattern: "HS", confidence: 95 },
              { pattern: "DTOP", confidence: 70 },
            ],
            milliseconds: 7,
          },
        ],
        "stream",
      ),
    );
    const { dimensions } = declared("PatternDetectionDuration");
    expect(emf.map((entry) => directiveOf(entry).dimensions)).toEqual([
      ["service"],
      dimensions,
      dimensions,
      dimensions,
    ]);
    expect(emf.map((entry) => [entry.PatternType, entry.Confidence, entry.PatternDetectionDuration])).toEqual(
      [
        [undefined, undefined, [3, 5, 7]],
        ["stream", "none", 3],
        ["HS", "90-100", [5, 7]],
        ["DTOP", "60-74", 7],
      ],
    );
    for (const entry of emf)
      expect(directiveOf(entry).directive.Metrics).toEqual([
        { Name: "PatternDetectionDuration", Unit: "Milliseconds" },
      ]);
  });

  it("is emitted under the family when nothing was found", async () => {
    const emf = await emittedBy(({ recordDetectionRun }) => recordDetectionRun([], 3, "triangle"));
    expect(emf.map((entry) => entry.PatternType)).toEqual([undefined, "triangle"]);
  });
});

/** What core declares for a business metric: its dimensions (and Powertools' `service`), its namespace. */
const declared = (name: keyof typeof BUSINESS_METRICS) => ({
  dimensions: [...BUSINESS_METRICS[name].dimensions, "service"].sort(),
  metrics: [name],
  namespace: METRICS_NAMESPACE,
});

/** The dimension names and the metric names of one EMF line. */
const shape = (entry: Emf) => {
  const { directive, dimensions } = directiveOf(entry);
  return { dimensions, metrics: directive.Metrics.map((m) => m.Name), namespace: directive.Namespace };
};

describe("ConfidenceScore", () => {
  it("is emitted for each graded detection with PatternType and Symbol", async () => {
    const emf = await emittedBy(async () => {
      const { grade } = await import("#analysis");
      const detection = { name: "x", start: "2024-01-02", end: "2024-03-01", detectedAt: "2024-03-04" };
      grade("AAPL", [
        { ...detection, patternId: "pat_1", pattern: "HS", confidence: 92 },
        { ...detection, patternId: "pat_2", pattern: "DTOP", confidence: 70 },
        // The same detection twice (a replay) is graded, and counted, once.
        { ...detection, patternId: "pat_2", pattern: "DTOP", confidence: 70 },
      ]);
    });
    expect(emf.map(shape)).toEqual([declared("ConfidenceScore"), declared("ConfidenceScore")]);
    expect(emf.map((entry) => [entry.PatternType, entry.Symbol, entry.ConfidenceScore])).toEqual([
      ["HS", "AAPL", 92],
      ["DTOP", "AAPL", 70],
    ]);
  });

  it("puts the detections of one pattern type in one line, each confidence a value", async () => {
    const emf = await emittedBy(({ recordConfidences }) =>
      recordConfidences("SPX", [
        { pattern: "HS", confidence: 92 },
        { pattern: "DTOP", confidence: 70 },
        { pattern: "HS", confidence: 81 },
      ]),
    );
    expect(emf.map(shape)).toEqual([declared("ConfidenceScore"), declared("ConfidenceScore")]);
    expect(emf.map((entry) => [entry.PatternType, entry.Symbol, entry.ConfidenceScore])).toEqual([
      ["HS", "SPX", [92, 81]],
      ["DTOP", "SPX", 70],
    ]);
  });
});

describe("ConfidenceScore per pattern alone", () => {
  // A dashboard SEARCH returns at most 500 series: split by Symbol, "Confidence by pattern" would plot an
  // arbitrary 500 of 8,000 symbols' lines. The same EMF line also files each value under PatternType alone.
  it("files each line's values under PatternType and Symbol, and under PatternType alone", async () => {
    const emf = await emittedBy(({ recordConfidences }) =>
      recordConfidences("SPX", [
        { pattern: "HS", confidence: 92 },
        { pattern: "HS", confidence: 81 },
      ]),
    );
    const sets = emf.map((entry) =>
      (entry._aws.CloudWatchMetrics[0]?.Dimensions ?? []).map((set) => [...set].sort()),
    );
    expect(sets).toEqual([
      [
        [...BUSINESS_METRICS.ConfidenceScore.dimensions, "service"].sort(),
        [...BUSINESS_METRICS.ConfidenceScore.plotted, "service"].sort(),
      ],
    ]);
    expect(emf.map((entry) => [entry.PatternType, entry.Symbol, entry.ConfidenceScore])).toEqual([
      ["HS", "SPX", [92, 81]],
    ]);
  });

  // On Lambda each printed line lands in CloudWatch Logs: a warning beside every graded detection's EMF
  // is paid for, and turns up in every Logs Insights query, when nothing is wrong.
  it("prints its EMF lines and nothing else, on stdout or stderr", async () => {
    const { stdout, stderr } = await printedBy(({ recordConfidences }) =>
      recordConfidences("SPX", [
        { pattern: "HS", confidence: 92 },
        { pattern: "DTOP", confidence: 70 },
        { pattern: "HS", confidence: 81 },
      ]),
    );
    expect(stderr).toBe("");
    const lines = stdout.split("\n").filter((line) => line !== "");
    const emf = lines.map((line) => JSON.parse(line) as Emf);
    expect(emf.map((entry) => entry._aws.CloudWatchMetrics[0]?.Dimensions)).toEqual([
      [
        ["service", "PatternType", "Symbol"],
        ["service", "PatternType"],
      ],
      [
        ["service", "PatternType", "Symbol"],
        ["service", "PatternType"],
      ],
    ]);
    expect(emf.map(({ _aws, ...fields }) => fields)).toEqual([
      { service: "PatternDetector", PatternType: "HS", Symbol: "SPX", ConfidenceScore: [92, 81] },
      { service: "PatternDetector", PatternType: "DTOP", Symbol: "SPX", ConfidenceScore: 70 },
    ]);
  });
});

describe("AlertPriority", () => {
  it("counts each new alert once under its Severity, and nothing for an alert raised again", async () => {
    const critical = queuedAlert({ severity: "CRITICAL" });
    const emf = await emittedBy(async () => {
      const { raiseAlert } = await import("#alerts");
      await raiseAlert(critical);
      await raiseAlert(queuedAlert({ severity: "MEDIUM" }));
      await raiseAlert(critical);
    });
    expect(emf.map(shape)).toEqual([declared("AlertPriority"), declared("AlertPriority")]);
    expect(emf.map((entry) => [entry.Severity, entry.AlertPriority])).toEqual([
      ["CRITICAL", 1],
      ["MEDIUM", 1],
    ]);
  });

  it("prints one line per severity for alerts raised together, a 1 for each alert", async () => {
    const emf = await emittedBy(({ recordAlertPriorities }) => {
      recordAlertPriorities(["HIGH", "MEDIUM", "HIGH"]);
      recordAlertPriorities([]);
    });
    expect(emf.map(shape)).toEqual([declared("AlertPriority"), declared("AlertPriority")]);
    expect(emf.map((entry) => [entry.Severity, entry.AlertPriority])).toEqual([
      ["HIGH", [1, 1]],
      ["MEDIUM", 1],
    ]);
  });
});

describe("lines past EMF's 100 values", () => {
  // EMF takes at most 100 values of a metric in a line. A market-wide move can raise more alerts of one
  // severity at once: every value must still be filed under its line's dimensions, and nothing else printed.
  it("files every value of a group under the group's dimension sets, whatever its size", async () => {
    const { stdout, stderr } = await printedBy(({ recordAlertPriorities, recordConfidences }) => {
      recordAlertPriorities(Array.from({ length: 150 }, () => "HIGH" as const));
      recordAlertPriorities(Array.from({ length: 100 }, () => "MEDIUM" as const));
      recordConfidences(
        "SPX",
        Array.from({ length: 130 }, (_, i) => ({ pattern: "HS", confidence: 60 + (i % 40) })),
      );
    });
    expect(stderr).toBe("");
    const emf = stdout
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as Emf);
    const valuesOf = (entry: Emf, name: string) => [entry[name]].flat().length;
    const lines = emf.map((entry) => ({
      dimensions: entry._aws.CloudWatchMetrics[0]?.Dimensions,
      fields: [entry.Severity, entry.PatternType, entry.Symbol],
      values: valuesOf(entry, "AlertPriority" in entry ? "AlertPriority" : "ConfidenceScore"),
    }));
    const severity = [["service", "Severity"]];
    const confidence = [
      ["service", "PatternType", "Symbol"],
      ["service", "PatternType"],
    ];
    expect(lines).toEqual([
      { dimensions: severity, fields: ["HIGH", undefined, undefined], values: 100 },
      { dimensions: severity, fields: ["HIGH", undefined, undefined], values: 50 },
      { dimensions: severity, fields: ["MEDIUM", undefined, undefined], values: 100 },
      { dimensions: confidence, fields: [undefined, "HS", "SPX"], values: 100 },
      { dimensions: confidence, fields: [undefined, "HS", "SPX"], values: 30 },
    ]);
  });
});

describe("Powertools' own warnings", () => {
  // Printed as plain text, a warning is one more line CloudWatch Logs bills that no JSON query finds.
  it("go through the JSON logger, with the function's name, and nothing plain is printed", async () => {
    vi.stubEnv("POWERTOOLS_LOG_LEVEL", "WARN");
    const { stdout, stderr } = await printedBy(async ({ recordConfidences }) => {
      const { withFunctionLogger } = await import("./logger");
      // A symbol that is an empty string is no dimension value EMF takes.
      await withFunctionLogger("PatternDetector", undefined, async () =>
        recordConfidences("", [{ pattern: "HS", confidence: 92 }]),
      );
    });
    const lines = `${stdout}${stderr}`.split("\n").filter((line) => line !== "");
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const warnings = parsed.filter((line) => !("_aws" in line));
    expect(warnings).toEqual([
      expect.objectContaining({
        level: "WARN",
        service: "PatternDetector",
        message: expect.stringContaining("The dimension Symbol doesn't meet the requirements"),
      }),
    ]);
  });
});

describe("ServerErrorAnswers", () => {
  it("counts each 500 the API answers, by the version Lambda runs, and nothing for other answers", async () => {
    // Lambda sets AWS_LAMBDA_FUNCTION_VERSION to the version it runs: the release alarm watches the new one.
    vi.stubEnv("AWS_LAMBDA_FUNCTION_VERSION", "7");
    // Storage nobody answers at: the read fails, and the app answers 500 (the invocation itself succeeds).
    vi.stubEnv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9");
    const statuses: number[] = [];
    const emf = await emittedBy(async () => {
      const { app } = await import("#api");
      for (const path of ["/alerts", "/health"]) {
        const answer = await app.request(path, { headers: { "X-API-Key": TEST_KEYS.reader } });
        statuses.push(answer.status);
      }
    });
    expect(statuses).toEqual([500, 200]);
    const answers = emf.filter((entry) => "ServerErrorAnswers" in entry);
    expect(answers.map(shape)).toEqual([declared("ServerErrorAnswers")]);
    expect(answers[0]).toMatchObject({
      ExecutedVersion: "7",
      service: "PatternDetector",
      ServerErrorAnswers: 1,
    });
  });
});
