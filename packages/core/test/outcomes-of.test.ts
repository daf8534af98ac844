// outcomesOf: the outcomes of detections found elsewhere (the workflow) equal scanOutcomes' for the same
// bars; a detection that names no bar of the series is refused.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { randomWalkBars } from "../bench/series";
import { outcomesOf, parseBarsCsv, scanBars, scanOutcomes } from "../src/index";

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

  it("refuses a detection whose bars are not in the series", () => {
    expect(() => outcomesOf(spx, [{ pattern: "HS", start: "1999-01-04", detectedAt: "2000-03-10" }])).toThrow(
      RangeError,
    );
    expect(outcomesOf(spx, [])).toEqual([]);
  });
});
