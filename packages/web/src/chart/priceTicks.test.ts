// Which price tick labels give way to the axis' own labels.
import { describe, expect, it } from "vitest";
import { CHART_FONT_SIZE } from "./chartFont";
import { clearedTicks, EDGE_CLEARANCE, LABEL_CLEARANCE } from "./priceTicks";

describe("clearedTicks", () => {
  const ticks = [
    { coordinate: 40, label: "1600.00" },
    { coordinate: 100, label: "1500.00" },
    { coordinate: 160, label: "1400.00" },
  ];

  it("blanks a tick's label within the clearance of a level's or the last price's label", () => {
    // A target label 10 px below 1600.00, a floor 12 px above 1400.00.
    expect(clearedTicks(ticks, [50, 148], 300)).toEqual(["", "1500.00", ""]);
  });

  it("keeps every tick's label with no label near, and one the chart cannot place", () => {
    expect(clearedTicks(ticks, [70, null], 300)).toEqual(["1600.00", "1500.00", "1400.00"]);
    expect(clearedTicks([{ coordinate: null, label: "1300.00" }], [0], 300)).toEqual(["1300.00"]);
  });

  it("clears a label's height: 17 px at 12 px", () => {
    expect(CHART_FONT_SIZE).toBe(12);
    expect(LABEL_CLEARANCE).toBe(17);
    expect(clearedTicks(ticks, [100 + 16.9], 300)).toEqual(["1600.00", "", "1400.00"]);
    expect(clearedTicks(ticks, [100 - 17], 300)).toEqual(["1600.00", "1500.00", "1400.00"]);
  });

  it("blanks a tick whose text the axis's top or bottom would cut: within half a line, 6 px", () => {
    expect(EDGE_CLEARANCE).toBe(6);
    const edges = [3, 6, 294, 297].map((coordinate) => ({ coordinate, label: String(coordinate) }));
    expect(clearedTicks(edges, [], 300)).toEqual(["", "6", "294", ""]);
  });
});
