import { describe, expect, it } from "vitest";
import { referenceScan } from "../bench/reference";
import { itemAt } from "../src/engine/indexed";
import { scanBars } from "../src/index";
import type { PatternCode } from "../src/types";
import { fiveExtrema, type Pivot, plantedBars } from "./planted";

// One planted instance per code: the shape's extrema sit at the pivots, E5 at the completion position.
const PLANTS: Record<PatternCode, Pivot[]> = {
  HS: fiveExtrema([100, 90, 110, 90.5, 100.5], 85, 92),
  IHS: fiveExtrema([90, 100, 80, 99.5, 90.5], 105, 98),
  BTOP: fiveExtrema([100, 95, 104, 91, 108], 90, 100),
  BBOT: fiveExtrema([100, 105, 96, 109, 92], 110, 100),
  TTOP: fiveExtrema([110, 90, 106, 94, 102], 80, 96),
  TBOT: fiveExtrema([90, 110, 94, 106, 98], 120, 104),
  RTOP: fiveExtrema([100, 95, 100.4, 95.3, 100.2], 90, 96),
  RBOT: fiveExtrema([95, 100, 95.3, 100.4, 95.2], 105, 99),
  ATRI: fiveExtrema([100, 90, 100.3, 94, 100.1], 85, 95),
  DTRI: fiveExtrema([110, 90, 104, 90.3, 98], 100, 93),
  DTOP: [
    [0, 90],
    [5, 100],
    [20, 88],
    [34, 100.8],
    [37, 96],
  ],
  DBOT: [
    [0, 110],
    [5, 100],
    [20, 112],
    [34, 99.4],
    [37, 104],
  ],
};

describe("planted instances", () => {
  for (const [code, pivots] of Object.entries(PLANTS) as [PatternCode, Pivot[]][]) {
    it(`finds ${code} where it was planted, as the reference does`, () => {
      const bars = plantedBars(pivots);
      const detections = scanBars(bars);
      const planted = detections.find((d) => d.pattern === code);
      expect(planted, `codes found: ${detections.map((d) => d.pattern)}`).toBeDefined();
      expect(planted?.detectedAt).toBe(itemAt(bars, 37).time);
      expect(planted?.end).toBe(itemAt(bars, 34).time);
      expect(planted?.extrema.at(-1)?.price).toBe(pivots.at(-2)?.[1]);
      expect(detections.map(({ confidence: _, ...rest }) => rest)).toEqual(referenceScan(bars));
    });
  }

  it("reports a head-and-shoulders's five extrema with kinds, prices and times", () => {
    const bars = plantedBars(PLANTS.HS);
    const hs = scanBars(bars).find((d) => d.pattern === "HS");
    expect(hs?.extrema).toEqual([
      { time: itemAt(bars, 6).time, price: 100, kind: "max" },
      { time: itemAt(bars, 13).time, price: 90, kind: "min" },
      { time: itemAt(bars, 20).time, price: 110, kind: "max" },
      { time: itemAt(bars, 27).time, price: 90.5, kind: "min" },
      { time: itemAt(bars, 34).time, price: 100.5, kind: "max" },
    ]);
    expect(hs?.start).toBe(itemAt(bars, 6).time);
  });

  it("reports nothing for a series shorter than one window", () => {
    expect(scanBars(plantedBars(PLANTS.HS).slice(0, 37))).toEqual([]);
  });

  it("reports nothing once the completing extremum has moved past the completion position", () => {
    const bars = [
      ...plantedBars(PLANTS.HS),
      ...plantedBars(
        [
          [0, 91],
          [5, 80],
        ],
        { offset: 38 },
      ),
    ];
    const late = scanBars(bars).filter((d) => d.pattern === "HS" && d.detectedAt !== itemAt(bars, 37).time);
    expect(late).toEqual([]);
  });
});

describe("confidence", () => {
  it("scores a clean planted head-and-shoulders above a noisy one", () => {
    const clean = scanBars(plantedBars(fiveExtrema([100, 90, 106, 90, 100], 85, 92))).find(
      (d) => d.pattern === "HS",
    );
    const noisy = scanBars(plantedBars(fiveExtrema([100, 90, 106, 91.1, 101.2], 85, 92))).find(
      (d) => d.pattern === "HS",
    );
    expect(clean?.confidence).toBeGreaterThan(noisy?.confidence ?? 100);
    expect(clean?.confidence).toBeGreaterThanOrEqual(90);
  });

  it("scores a clean double top above one whose second top is near the tolerance", () => {
    const score = (second: number) =>
      scanBars(
        plantedBars([
          [0, 90],
          [5, 100],
          [20, 88],
          [34, second],
          [37, 96],
        ]),
      ).find((d) => d.pattern === "DTOP")?.confidence;
    expect(score(100.2)).toBeGreaterThan(score(102.5) ?? 100);
  });

  it("is deterministic and within 0–100", () => {
    for (const pivots of Object.values(PLANTS)) {
      const first = scanBars(plantedBars(pivots)).map((d) => d.confidence);
      expect(scanBars(plantedBars(pivots)).map((d) => d.confidence)).toEqual(first);
      for (const value of first) expect(value >= 0 && value <= 100 && Number.isInteger(value)).toBe(true);
    }
  });

  it("counts volume when every bar has one: heavy volume on the turns scores higher", () => {
    const turns = new Set([6, 13, 20, 27, 34]);
    const hs = (volume: (i: number) => number) =>
      scanBars(plantedBars(PLANTS.HS, { volume })).find((d) => d.pattern === "HS")?.confidence ?? 0;
    expect(hs((i) => (turns.has(i) ? 3000 : 1000))).toBeGreaterThan(hs((i) => (turns.has(i) ? 300 : 1000)));
  });
});
