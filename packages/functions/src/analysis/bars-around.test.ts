// A detection's bars: from a few before its start through the bar it became known on.

import { LEAD_BARS } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { barsAround } from "./bars-around";

const series = Array.from({ length: 20 }, (_, i) => ({
  time: `2024-01-${String(i + 1).padStart(2, "0")}`,
  close: i,
}));

describe("barsAround", () => {
  it("answers the lead bars, the pattern and the bars up to detectedAt", () => {
    const bars = barsAround(series)({ start: "2024-01-10", detectedAt: "2024-01-15" });
    expect(bars.map((b) => b.close)).toEqual([9 - LEAD_BARS, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it("stops at the series' first bar and answers nothing for times it does not hold", () => {
    expect(barsAround(series)({ start: "2024-01-02", detectedAt: "2024-01-03" })).toHaveLength(3);
    expect(barsAround(series)({ start: "2023-12-01", detectedAt: "2024-01-03" })).toEqual([]);
  });
});
