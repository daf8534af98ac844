// PATTERNS.md "Outcomes" and "Evidence" worked by hand on twelve bars: detections placed at chosen bars,
// every figure derived on paper from the page's sentences (Wilson bounds and KS p-values from the page's
// formulas, evaluated once with Python), so the rules are pinned by numbers no code of ours produced.
// The returns here are often exactly 0: neither up nor down, which upShare and lift must both respect.

import { describe, expect, it } from "vitest";
import { itemAt } from "../src/engine/indexed";
import {
  type Bar,
  type DetectionBars,
  evidenceAtTimes,
  evidenceOf,
  outcomeRecord,
  outcomesOf,
} from "../src/index";
import { differences } from "./close";
import { day } from "./planted";

const CLOSES = [100, 104, 100, 96, 100, 100, 95, 96, 88, 90, 100, 120];
const bars: Bar[] = CLOSES.map((close, i) => ({ time: day(i), close }));

// 1: range bars 1..4 = 104, 100, 96, 100: ceiling 104, floor 96, height 8. Bar 6 (95) breaks down, target
//    96 - 8 = 88, reached exactly at bar 8. r_1 = 100/100 - 1 = 0, r_5 = 90/100 - 1 = -0.1.
// 2: range bars 5..7 = 100, 95, 96: ceiling 100, floor 95. Bar 8 (88) breaks down, target 90, reached at
//    the breakout bar itself. r_1 = 88/96 - 1 = -1/12.
// 3: range bars 8..9 = 88, 90. Bar 10 (100) breaks up, target 92, reached there: a target, but after an
//    up breakout, so no success for HS (expected down); BTOP expects nothing, so for it a success.
//    r_1 = 100/90 - 1 = 1/9.
const HS: DetectionBars[] = [
  { pattern: "HS", start: day(1), detectedAt: day(4) },
  { pattern: "HS", start: day(5), detectedAt: day(7) },
  { pattern: "HS", start: day(8), detectedAt: day(9) },
];
const BTOP: DetectionBars = { pattern: "BTOP", start: day(8), detectedAt: day(9) };
const detections = [...HS, BTOP];
const series = {
  bars,
  detections: outcomesOf(bars, detections).map((outcome, i) => ({ ...itemAt(detections, i), outcome })),
};

/** The baseline's returns at each horizon, bar i to bar i + h, as fractions worked from CLOSES. */
const BASE_1 = [0.04, -1 / 26, -0.04, 1 / 24, 0, -0.05, 1 / 95, -1 / 12, 1 / 44, 1 / 9, 0.2];
const BASE_5 = [0, -9 / 104, -0.04, -1 / 12, -0.1, 0, 5 / 19];
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const none = { n: 0, mean: null, median: null, upShare: null };

function hs(asOf?: string) {
  const found = evidenceOf([series], asOf).find((e) => e.pattern === "HS");
  expect(found).toBeDefined();
  return found;
}

describe("outcomes worked by hand", () => {
  it("break out, aim and resolve as the page says", () => {
    expect(series.detections.map((d) => outcomeRecord(d.outcome))).toEqual([
      {
        ceiling: 104,
        floor: 96,
        status: "target",
        breakout: { time: day(6), direction: "down" },
        target: 88,
        resolvedAt: day(8),
        returns: { "1": 0, "5": 90 / 100 - 1 },
      },
      {
        ceiling: 100,
        floor: 95,
        status: "target",
        breakout: { time: day(8), direction: "down" },
        target: 90,
        resolvedAt: day(8),
        returns: { "1": 88 / 96 - 1 },
      },
      {
        ceiling: 90,
        floor: 88,
        status: "target",
        breakout: { time: day(10), direction: "up" },
        target: 92,
        resolvedAt: day(10),
        returns: { "1": 100 / 90 - 1 },
      },
      {
        ceiling: 90,
        floor: 88,
        status: "target",
        breakout: { time: day(10), direction: "up" },
        target: 92,
        resolvedAt: day(10),
        returns: { "1": 100 / 90 - 1 },
      },
    ]);
  });
});

describe("evidence worked by hand", () => {
  const atEnd = {
    pattern: "HS",
    detections: 3,
    resolved: 3,
    status: { target: 3, failed: 0, stalled: 0, expired: 0 },
    // The third reached its target after an up breakout: HS expects down.
    succeeded: 2,
    successRate: 2 / 3,
    successInterval: [0.20765959880782425, 0.9385080559790691],
    horizons: {
      "1": {
        // 0, -1/12, 1/9: the 0 is neither up nor down.
        returns: { n: 3, mean: (0 - 1 / 12 + 1 / 9) / 3, median: 0, upShare: 1 / 3 },
        baseline: { n: 11, mean: mean(BASE_1), median: 1 / 95, upShare: 6 / 11 },
        // Down share 1/3 (only -1/12) minus the baseline's 4/11 (its 0 is not down).
        lift: 1 / 3 - 4 / 11,
        // Largest gap at x = -1/12: 1/3 of the code's returns against 1/11 of the baseline's.
        ks: { D: 8 / 33, p: 0.999086745905837 },
      },
      "5": {
        // Only the first detection's r_5 is known: the others need bars 12 and 14.
        returns: { n: 1, mean: -0.1, median: -0.1, upShare: 0 },
        baseline: { n: 7, mean: mean(BASE_5), median: -0.04, upShare: 1 / 7 },
        lift: 1 - 4 / 7,
        ks: { D: 6 / 7, p: 0.541242999751028 },
      },
      "10": {
        returns: none,
        // 100/100 - 1 and 120/104 - 1: an even n, the median the mean of the two.
        baseline: { n: 2, mean: 1 / 13, median: 1 / 13, upShare: 1 / 2 },
        lift: null,
        ks: null,
      },
      "20": { returns: none, baseline: none, lift: null, ks: null },
    },
  };

  const atBar7 = {
    pattern: "HS",
    // The second is detected at bar 7 itself; the third, at bar 9, is not known yet.
    detections: 2,
    // Both resolve at bar 8: after T.
    resolved: 0,
    status: { target: 0, failed: 0, stalled: 0, expired: 0 },
    succeeded: 0,
    successRate: null,
    successInterval: null,
    horizons: {
      "1": {
        // The first's r_1 (bar 5); the second's needs bar 8.
        returns: { n: 1, mean: 0, median: 0, upShare: 0 },
        baseline: { n: 7, mean: mean(BASE_1.slice(0, 7)), median: 0, upShare: 3 / 7 },
        // A return of 0 is not down: 0 of 1, less the baseline's 3 of 7.
        lift: 0 - 3 / 7,
        // The code's 0 tied with the baseline's 0: the gap is 3/7 on either side of it.
        ks: { D: 3 / 7, p: 0.9971009056640724 },
      },
      "5": {
        returns: none,
        baseline: { n: 3, mean: mean(BASE_5.slice(0, 3)), median: -0.04, upShare: 0 },
        lift: null,
        ks: null,
      },
      "10": { returns: none, baseline: none, lift: null, ks: null },
      "20": { returns: none, baseline: none, lift: null, ks: null },
    },
  };

  it("as of the end of the data", () => {
    expect(differences(hs(), atEnd)).toEqual([]);
  });

  it("as of bar 7, and as of a time between bars 7 and 8: only what was known then", () => {
    expect(differences(hs(day(7)), atBar7)).toEqual([]);
    expect(differences(hs(`${day(7)}T12:00:00Z`), atBar7)).toEqual([]);
  });

  it("as an alert's evidence at its detectedAt (evidenceAtTimes), the same figures", () => {
    const [second, third] = evidenceAtTimes(series, [
      { pattern: "HS", asOf: day(7) },
      { pattern: "HS", asOf: day(11) },
    ]);
    expect(differences(second, atBar7)).toEqual([]);
    expect(differences(third, atEnd)).toEqual([]);
  });

  it("for a code with no expected direction: any breakout confirms, and there is no lift", () => {
    const btop = evidenceOf([series]).find((e) => e.pattern === "BTOP");
    expect(btop).toMatchObject({
      detections: 1,
      resolved: 1,
      succeeded: 1,
      successRate: 1,
      successInterval: [0.2065493117918027, 1],
    });
    expect(Object.keys(btop?.horizons["1"] ?? {}).sort()).toEqual(["baseline", "ks", "returns"]);
    // Detected at bar 9, resolved at bar 10: as of bar 9, counted and not resolved.
    expect(evidenceOf([series], day(9)).find((e) => e.pattern === "BTOP")).toMatchObject({
      detections: 1,
      resolved: 0,
      successRate: null,
      successInterval: null,
    });
  });
});
