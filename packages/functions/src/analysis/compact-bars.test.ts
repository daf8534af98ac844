// Packing bars for workflow state keeps what detection reads and nothing else.

import { parseBarsJson } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { packBars, unpackBars } from "./compact-bars";

describe("compact bars", () => {
  it("keep time, close and volume through a round trip", () => {
    const bars = [
      { time: "2024-01-02", open: 1, high: 3, low: 0.5, close: 2, volume: 100 },
      { time: "2024-01-03", close: 2.5 },
    ];
    expect(packBars(bars)).toEqual([
      ["2024-01-02", 2, 100],
      ["2024-01-03", 2.5],
    ]);
    expect(parseBarsJson(unpackBars(packBars(bars)))).toEqual([
      { time: "2024-01-02", close: 2, volume: 100 },
      { time: "2024-01-03", close: 2.5 },
    ]);
  });

  it("leave bar objects as they are", () => {
    expect(unpackBars([{ time: "t", close: 1 }])).toEqual([{ time: "t", close: 1 }]);
  });
});
