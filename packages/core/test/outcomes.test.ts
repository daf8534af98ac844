import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceScanOutcomes } from "../bench/reference-outcomes";
import { detectionRecord, type FollowedDetection, parseBarsCsv, scanBars, scanOutcomes } from "../src/index";
import { day, fiveExtrema, type Pivot, plantedBars } from "./planted";
import { centSeries, randomSeries } from "./random-series";

/** The detections as PATTERNS.md writes them (outcomeRecord), without confidence, as the reference gives them. */
const withoutConfidence = (detections: FollowedDetection[]) =>
  detections.map((d) => {
    const { confidence: _, ...rest } = detectionRecord(d);
    return rest;
  });

describe("batch outcomes", () => {
  it("equal the straightforward reference on random series", () => {
    fc.assert(
      fc.property(randomSeries, ({ bars, bandwidth }) => {
        expect(withoutConfidence(scanOutcomes(bars, { bandwidth }))).toEqual(
          referenceScanOutcomes(bars, bandwidth),
        );
      }),
      { numRuns: 100 },
    );
  });

  it("equal the reference on whole-cent series, where closes often sit exactly at a range's edge or a target", () => {
    fc.assert(
      fc.property(centSeries, ({ bars, bandwidth }) => {
        expect(withoutConfidence(scanOutcomes(bars, { bandwidth }))).toEqual(
          referenceScanOutcomes(bars, bandwidth),
        );
      }),
      { numRuns: 100, seed: 20261205 },
    );
  });

  it("leave the detections as scanBars reports them", () => {
    const bars = parseBarsCsv(readFileSync(new URL("../../../data/sp500-2000.csv", import.meta.url), "utf8"));
    const withOutcomes = scanOutcomes(bars);
    expect(withOutcomes.map(({ outcome: _, ...d }) => d)).toEqual(scanBars(bars));
    expect(withoutConfidence(withOutcomes)).toEqual(referenceScanOutcomes(bars));
    const statuses = new Set(withOutcomes.map((d) => d.outcome.status));
    expect([...statuses].sort()).toEqual(["expired", "failed", "stalled", "target"]);
  });
});

describe("planted patterns and what followed", () => {
  // The shapes of planted.test.ts, detected at bar 37, then a move chosen after them.
  const HS = fiveExtrema([100, 90, 110, 90.5, 100.5], 85, 92);
  const IHS = fiveExtrema([90, 100, 80, 99.5, 90.5], 105, 98);
  const outcomeOf = (code: string, pivots: Pivot[]) => {
    const bars = plantedBars(pivots);
    const detections = scanOutcomes(bars);
    expect(withoutConfidence(detections)).toEqual(referenceScanOutcomes(bars));
    const found = detections.find((d) => d.pattern === code && d.detectedAt === day(37));
    expect(found, `codes: ${detections.map((d) => d.pattern)}`).toBeDefined();
    return found?.outcome;
  };

  it("a head-and-shoulders that breaks down and reaches its measured move", () => {
    // Range bars 6..37: ceiling 110, floor 90; the close first goes below 90 at bar 43, target 70.
    const outcome = outcomeOf("HS", [...HS, [45, 89], [60, 69]]);
    expect(outcome).toMatchObject({
      ceiling: 110,
      floor: 90,
      status: "target",
      breakout: { time: day(43), direction: "down" },
      target: 70,
      resolvedAt: day(60),
    });
  });

  it("a head-and-shoulders that breaks down, then back above its ceiling: failed", () => {
    const outcome = outcomeOf("HS", [...HS, [45, 89], [60, 111]]);
    expect(outcome).toMatchObject({ status: "failed", breakout: { direction: "down" } });
  });

  it("an inverse head-and-shoulders that breaks up and reaches its target", () => {
    // Range bars 6..37: floor 80, ceiling 100; up target 120.
    const outcome = outcomeOf("IHS", [...IHS, [45, 101], [60, 121]]);
    expect(outcome).toMatchObject({ ceiling: 100, floor: 80, status: "target", target: 120 });
    expect(outcome?.breakout?.direction).toBe("up");
  });

  it("an inverse head-and-shoulders that never leaves its range: expired at bar e + 35", () => {
    const outcome = outcomeOf("IHS", [...IHS, [50, 95], [80, 96]]);
    expect(outcome).toMatchObject({ status: "expired", breakout: null, resolvedAt: day(37 + 35) });
    expect(outcome?.returns).toHaveLength(4);
  });

  it("an inverse head-and-shoulders that breaks up and drifts: stalled at b + 35", () => {
    const outcome = outcomeOf("IHS", [...IHS, [42, 100.5], [100, 110]]);
    const b = outcome?.breakout?.time as string;
    const bIndex = Math.round((Date.parse(b) - Date.parse(day(0))) / 86_400_000);
    expect(outcome).toMatchObject({ status: "stalled", resolvedAt: day(bIndex + 35) });
  });
});
