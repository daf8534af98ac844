// The threshold rules and their configuration, without AWS.

import { describe, expect, it } from "vitest";
import type { Bar } from "../types";
import { DEFAULT_THRESHOLDS, THRESHOLD_VARIABLES, thresholdsEnvironment, thresholdsFromEnv } from "./config";
import { evaluateBars } from "./evaluate";

const bar = (day: number, close: number, volume?: number): Bar => ({
  time: `2024-01-${String(day).padStart(2, "0")}`,
  close,
  volume,
});
const thresholds = { priceMovePct: 5, volumeSpikeRatio: 3, minConfidence: 75 };

describe("evaluateBars", () => {
  it("flags a close-to-close move at or beyond the threshold, either way", () => {
    expect(evaluateBars([bar(1, 100), bar(2, 105)], thresholds).map((b) => b.rule)).toEqual(["priceMove"]);
    expect(evaluateBars([bar(1, 100), bar(2, 94)], thresholds)[0]).toMatchObject({
      rule: "priceMove",
      measures: { movePct: -6, thresholdPct: 5 },
    });
    expect(evaluateBars([bar(1, 100), bar(2, 104.9)], thresholds)).toEqual([]);
  });

  it("flags the newest volume against the mean of the earlier bars", () => {
    const calm = [bar(1, 100, 1000), bar(2, 100, 1200), bar(3, 100, 800)];
    expect(evaluateBars([...calm, bar(4, 101, 3000)], thresholds)[0]).toMatchObject({
      rule: "volumeSpike",
      measures: { ratio: 3 },
    });
    expect(evaluateBars([...calm, bar(4, 101, 2999)], thresholds)).toEqual([]);
    expect(evaluateBars([bar(1, 100), bar(2, 101, 10_000)], thresholds)).toEqual([]);
  });

  it("needs two bars", () => {
    expect(evaluateBars([bar(1, 100)], thresholds)).toEqual([]);
  });
});

describe("thresholdsFromEnv", () => {
  it("reads the three variables and defaults the missing ones", () => {
    expect(thresholdsFromEnv({ THRESHOLD_PRICE_MOVE_PCT: "2.5", THRESHOLD_MIN_CONFIDENCE: " " })).toEqual({
      ...DEFAULT_THRESHOLDS,
      priceMovePct: 2.5,
    });
    expect(thresholdsFromEnv({})).toEqual(DEFAULT_THRESHOLDS);
  });

  it("names the variable that is wrong", () => {
    expect(() => thresholdsFromEnv({ THRESHOLD_VOLUME_SPIKE_RATIO: "lots" })).toThrow(
      /THRESHOLD_VOLUME_SPIKE_RATIO/,
    );
    expect(() => thresholdsFromEnv({ THRESHOLD_MIN_CONFIDENCE: "101" })).toThrow(/THRESHOLD_MIN_CONFIDENCE/);
  });

  it("reads back exactly what thresholdsEnvironment deploys", () => {
    const custom = { priceMovePct: 2.5, volumeSpikeRatio: 4, minConfidence: 80 };
    expect(thresholdsFromEnv(thresholdsEnvironment(custom))).toEqual(custom);
    expect(thresholdsFromEnv(thresholdsEnvironment(DEFAULT_THRESHOLDS))).toEqual(DEFAULT_THRESHOLDS);
    expect(Object.keys(thresholdsEnvironment(DEFAULT_THRESHOLDS)).sort()).toEqual(
      Object.values(THRESHOLD_VARIABLES).sort(),
    );
  });

  it("refuses to deploy thresholds it would not read back", () => {
    expect(() => thresholdsEnvironment({ ...DEFAULT_THRESHOLDS, minConfidence: 120 })).toThrow();
  });
});
