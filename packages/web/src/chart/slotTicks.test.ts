// The time axis' ticks at empty slots: blank where a slot took a tick, the chart's own label elsewhere.
import { TickMarkType } from "lightweight-charts";
import { describe, expect, it } from "vitest";
import { chartTime, emptySlotTimes } from "./chartData";
import { slotTickLabel } from "./slotTicks";

describe("the ticks of empty slots", () => {
  it("leave the slot's tick on the time axis blank, and every bar's tick to the chart", () => {
    const slots = emptySlotTimes(["2003-05-01"]);
    expect(slotTickLabel(chartTime("2003-05-01") - 1, slots, TickMarkType.DayOfMonth)).toBe("");
    expect(slotTickLabel(chartTime("2003-05-01"), slots, TickMarkType.Month)).toBeNull();
    expect(slotTickLabel(chartTime("2003-04-15"), slots, TickMarkType.DayOfMonth)).toBeNull();
  });

  it("leave the chart to label the day an intraday slot opens, not the slot's time nor the day before", () => {
    const slots = emptySlotTimes(["2026-03-12T10:00:00Z", "2026-03-16T00:00:00Z"]);
    const opening = chartTime("2026-03-12T10:00:00Z") - 1;
    expect(slotTickLabel(opening, slots, TickMarkType.DayOfMonth)).toBeNull();
    expect(slotTickLabel(opening, slots, TickMarkType.Month)).toBeNull();
    expect(slotTickLabel(opening, slots, TickMarkType.Time)).toBe("");
    // Before a bar at midnight the slot is the day before, which nothing holds: the bar labels its own day.
    expect(slotTickLabel(chartTime("2026-03-16T00:00:00Z") - 1, slots, TickMarkType.DayOfMonth)).toBe("");
  });
});
