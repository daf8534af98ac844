// The EMF that Powertools prints is what CloudWatch turns into metrics: check its dimensions.
import { afterEach, describe, expect, it, vi } from "vitest";

interface Emf {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [key: string]: unknown;
}

async function emittedBy(work: (metrics: typeof import("./metrics")) => void): Promise<Emf[]> {
  vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
  vi.stubEnv("POWERTOOLS_SERVICE_NAME", "PatternDetector");
  vi.resetModules();
  const module = await import("./metrics");
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    work(module);
  } finally {
    write.mockRestore();
  }
  return chunks
    .join("")
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
    const dimensionSets = emf.map((entry) => entry._aws.CloudWatchMetrics[0].Dimensions[0].sort());
    expect(dimensionSets).toEqual([
      ["service"],
      ["Confidence", "PatternType", "service"],
      ["Confidence", "PatternType", "service"],
    ]);
    expect(emf[0]).toMatchObject({ service: "PatternDetector", PatternDetectionDuration: 12 });
    expect(emf.slice(1).map((entry) => [entry.PatternType, entry.Confidence])).toEqual([
      ["HS", "90-100"],
      ["DTOP", "60-74"],
    ]);
    for (const entry of emf) expect(entry._aws.CloudWatchMetrics[0].Namespace).toBe("StockPatternDetection");
  });

  it("is emitted under the family when nothing was found", async () => {
    const emf = await emittedBy(({ recordDetectionRun }) => recordDetectionRun([], 3, "triangle"));
    expect(emf.map((entry) => entry.PatternType)).toEqual([undefined, "triangle"]);
  });
});
