// outcomesOf: the outcomes of detections found elsewhere (the workflow) equal scanOutcomes' for the same
// bars, and the bar each was last moved by is the one of the stream's last event on it; a detection that
// names no bar of the series is refused.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { randomWalkBars } from "../bench/series";
import {
  type Bar,
  movedOutcomesOf,
  outcomesOf,
  parseBarsCsv,
  StreamingDetector,
  scanBars,
  scanOutcomes,
} from "../src/index";

const spx = parseBarsCsv(readFileSync(new URL("../../../data/sp500-2000.csv", import.meta.url), "utf8"));

describe("outcomesOf", () => {
  it.each([
    ["the S&P 500 series", spx],
    ["a random walk", randomWalkBars(3000, 7)],
  ])("gives scanOutcomes' outcomes for scanBars' detections on %s", (_name, bars) => {
    const detections = scanBars(bars);
    expect(detections.length).toBeGreaterThan(10);
    expect(outcomesOf(bars, detections)).toEqual(scanOutcomes(bars).map((d) => d.outcome));
    // In any order: each detection is followed on its own.
    const reversed = [...detections].reverse();
    expect(outcomesOf(bars, reversed)).toEqual(
      scanOutcomes(bars)
        .map((d) => d.outcome)
        .reverse(),
    );
  });

  it.each([
    ["the S&P 500 series", spx.slice(0, 2000)],
    ["a random walk", randomWalkBars(1500, 11)],
  ])(
    "names, as the bar that last moved each outcome, the bar of the stream's last event on it, on %s",
    (_name, bars) => {
      // The stream one bar at a time: the last event per detection, or its detection bar when none came.
      const lastEvent = new Map<string, string>();
      const key = (d: { pattern: string; detectedAt: string }) => `${d.pattern}@${d.detectedAt}`;
      const detector = new StreamingDetector({ outcomes: true });
      for (const bar of bars as Bar[]) {
        const update = detector.advance(bar);
        for (const d of update.detections) lastEvent.set(key(d), d.detectedAt);
        for (const event of update.events) lastEvent.set(key(event), event.time);
      }
      const detections = scanBars(bars);
      const moved = movedOutcomesOf(bars, detections);
      expect(moved.map((m) => m.outcome)).toEqual(outcomesOf(bars, detections));
      expect(moved.map((m) => m.movedAt)).toEqual(detections.map((d) => lastEvent.get(key(d))));
      // Not every outcome is last moved by its detection bar.
      expect(moved.filter((m, i) => m.movedAt !== detections[i]?.detectedAt).length).toBeGreaterThan(10);
    },
  );

  it("refuses a detection whose bars are not in the series", () => {
    expect(() => outcomesOf(spx, [{ pattern: "HS", start: "1999-01-04", detectedAt: "2000-03-10" }])).toThrow(
      RangeError,
    );
    expect(outcomesOf(spx, [])).toEqual([]);
  });
});
