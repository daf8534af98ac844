// Bars and extrema into candles, the line through the extrema and their markers.
import { describe, expect, it } from "vitest";
import { formatBarTime } from "../ui/format";
import {
  chartTime,
  chartTimeLabel,
  emptySlotTimes,
  extremaLine,
  extremaMarkers,
  lifecycleMarkers,
  markerBand,
  priceLevels,
  toCandles,
  withEmptySlots,
} from "./chartData";

describe("empty slots where bars are missing", () => {
  it("puts a slot with no candle just before each bar drawn after bars no source holds", () => {
    const candles = toCandles([
      { time: "2003-04-15", close: 885 },
      { time: "2003-05-01", close: 916 },
      { time: "2003-05-02", close: 930 },
    ]);
    const slots = withEmptySlots(candles, ["2003-05-01"]);
    expect(slots.map((slot) => slot.time)).toEqual([
      chartTime("2003-04-15"),
      chartTime("2003-05-01") - 1,
      chartTime("2003-05-01"),
      chartTime("2003-05-02"),
    ]);
    expect(slots[1]).toEqual({ time: chartTime("2003-05-01") - 1 });
    expect(withEmptySlots(candles, [])).toEqual(candles);
  });

  it("label the slot as the bars missing before the next bar, not as the second before it", () => {
    // The slot sits a second before the bar after the gap: its own time read as a bar's was the day before
    // (2003-04-30, a day nothing holds), the minute before for hourly bars, and for daily bars stamped at
    // New York's midnight the next bar's own date.
    const breaks = ["2003-05-01", "2026-10-06T12:00:00Z", "2024-03-11T04:00:00Z"];
    const slots = emptySlotTimes(breaks);
    expect([...slots]).toEqual(breaks.map((time) => chartTime(time) - 1));
    expect(chartTimeLabel(chartTime("2003-05-01") - 1, "1d", slots)).toBe("bars missing before 2003-05-01");
    expect(chartTimeLabel(chartTime("2026-10-06T12:00:00Z") - 1, "1h", slots)).toBe(
      "bars missing before 2026-10-06 12:00 UTC",
    );
    expect(chartTimeLabel(chartTime("2024-03-11T04:00:00Z") - 1, "1d", slots)).toBe(
      "bars missing before 2024-03-11",
    );
    // The bars either side keep their own labels.
    expect(chartTimeLabel(chartTime("2003-05-01"), "1d", slots)).toBe("2003-05-01");
    expect(chartTimeLabel(chartTime("2003-04-15"), "1d", slots)).toBe("2003-04-15");
  });
});

describe("candles", () => {
  it("sorts by time, keeps one candle per time and converts times to seconds", () => {
    const candles = toCandles([
      { time: "2000-01-04", open: 2, high: 3, low: 1, close: 2.5 },
      { time: "2000-01-03", open: 1, high: 2, low: 0.5, close: 1.5 },
      { time: "2000-01-04", open: 2, high: 4, low: 1, close: 3 },
    ]);
    expect(candles).toEqual([
      { time: 946857600, open: 1, high: 2, low: 0.5, close: 1.5 },
      { time: 946944000, open: 2, high: 4, low: 1, close: 3 },
    ]);
  });

  it("draws close-only bars from the previous close", () => {
    const candles = toCandles([
      { time: "2000-01-03", close: 10 },
      { time: "2000-01-04", close: 12 },
      { time: "2000-01-05", close: 11 },
    ]);
    expect(candles.map(({ open, high, low, close }) => [open, high, low, close])).toEqual([
      [10, 10, 10, 10],
      [10, 12, 10, 12],
      [12, 12, 11, 11],
    ]);
  });

  it("accepts datetimes and epoch seconds or milliseconds, and names a bad time", () => {
    expect(chartTime("2000-01-03T15:30:00Z")).toBe(946913400);
    expect(chartTime("946857600")).toBe(946857600);
    expect(chartTime("946857600000")).toBe(946857600);
    expect(() => chartTime("yesterday")).toThrow('unreadable bar time "yesterday"');
  });

  it("places a time where core orders it (a datetime without a zone is UTC), one candle per instant", () => {
    const zone = process.env.TZ;
    // Date.parse would read it in the machine's zone: New York's here.
    process.env.TZ = "America/New_York";
    try {
      expect(chartTime("2000-01-03T15:30")).toBe(946913400);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(chartTime("86400")).toBe(86400);
    const candles = toCandles([
      { time: "946857600", close: 10 },
      { time: "946857600000", close: 11 },
      { time: "2000-01-04", close: 12 },
    ]);
    expect(candles.map(({ time, close }) => [time, close])).toEqual([
      [946857600, 11],
      [946944000, 12],
    ]);
  });
});

describe("extrema", () => {
  const extrema = [
    { time: "2000-01-10", price: 9.5, kind: "min" as const },
    { time: "2000-01-05", price: 12.345, kind: "max" as const },
  ];

  it("joins the extrema in time order", () => {
    expect(extremaLine(extrema)).toEqual([
      { time: 947030400, value: 12.345 },
      { time: 947462400, value: 9.5 },
    ]);
  });

  it("marks maxima above the bar and minima below, labelled in order", () => {
    // On the line through the extrema, with no candles: at the extrema's prices.
    expect(extremaMarkers(extrema)).toEqual([
      { time: 947030400, side: "above", price: 12.345, text: "E1" },
      { time: 947462400, side: "below", price: 9.5, text: "E2" },
    ]);
  });

  it("points at a maximum's candle's high and a minimum's candle's low", () => {
    const candles = toCandles([
      { time: "2000-01-05", open: 12, high: 12.6, low: 11.8, close: 12.3 },
      { time: "2000-01-10", open: 9.8, high: 10, low: 9.4, close: 9.6 },
    ]);
    expect(extremaMarkers(extrema, candles).map((marker) => marker.price)).toEqual([12.6, 9.4]);
  });
});

describe("outcome on the chart", () => {
  const outcome = {
    ceiling: 12,
    floor: 10,
    status: "target" as const,
    breakout: { time: "2000-01-05", direction: "up" as const },
    target: 14,
    resolvedAt: "2000-01-10",
    returns: {},
  };

  it("draws ceiling and floor, and the target once there is one", () => {
    expect(priceLevels(outcome)).toEqual([
      { name: "ceiling", price: 12 },
      { name: "floor", price: 10 },
      { name: "target", price: 14 },
    ]);
    expect(priceLevels({ ...outcome, breakout: null, target: null }).map((level) => level.name)).toEqual([
      "ceiling",
      "floor",
    ]);
  });

  it("marks the breakout and deciding bars only where the chart has a candle", () => {
    const all = new Set([chartTime("2000-01-05"), chartTime("2000-01-10")]);
    const band = { top: 15, bottom: 9 };
    expect(lifecycleMarkers(outcome, all, band)).toEqual([
      { time: 947030400, side: "below", price: 9, text: "Breakout up" },
      { time: 947462400, side: "above", price: 15, text: "target" },
    ]);
    expect(lifecycleMarkers(outcome, new Set([chartTime("2000-01-10")]), band).map((m) => m.text)).toEqual([
      "target",
    ]);
  });

  it("marks where an outcome expired without a breakout", () => {
    const expired = { ...outcome, status: "expired" as const, breakout: null, target: null };
    expect(lifecycleMarkers(expired, new Set([chartTime("2000-01-10")]), { top: 15, bottom: 9 })).toEqual([
      { time: 947462400, side: "above", price: 15, text: "expired" },
    ]);
  });

  it("sets those markers past every candle and level, so their texts cover no candle", () => {
    const candles = toCandles([
      { time: "2000-01-05", open: 11, high: 12.5, low: 10.5, close: 12 },
      { time: "2000-01-10", open: 12, high: 13, low: 11.5, close: 12.8 },
    ]);
    expect(markerBand(candles, priceLevels(outcome))).toEqual({ top: 14, bottom: 10 });
    expect(markerBand(candles, [])).toEqual({ top: 13, bottom: 10.5 });
  });
});

describe("time labels", () => {
  it("give an intraday bar's time, as the page's other times read, and a daily bar's date", () => {
    // Hourly bars: the chart's own labels read "06 Oct '26" under every bar of the day, with no hour.
    expect(chartTimeLabel(chartTime("2026-10-06T12:00:00Z"), "1h")).toBe("2026-10-06 12:00 UTC");
    expect(chartTimeLabel(chartTime("2026-10-06T12:05:00Z"), "5m")).toBe("2026-10-06 12:05 UTC");
    expect(chartTimeLabel(chartTime("2000-01-04"), "1d")).toBe("2000-01-04");
    // The same words as the page's other bar times of the series.
    expect(chartTimeLabel(chartTime("2000-01-04"), "1d")).toBe(formatBarTime("2000-01-04", "1d"));
  });
});

describe("time labels by the series' interval", () => {
  it("give a 1-hour bar its hour though the series holds one bar a day", () => {
    // A sparse hourly series (one bar a day kept): its candles are a day apart, as a daily series' are.
    const hourly = ["2026-10-05T00:00:00Z", "2026-10-06T00:00:00Z", "2026-10-07T00:00:00Z"];
    expect(hourly.map((time) => chartTimeLabel(chartTime(time), "1h"))).toEqual([
      "2026-10-05 00:00 UTC",
      "2026-10-06 00:00 UTC",
      "2026-10-07 00:00 UTC",
    ]);
  });

  it("give a daily bar its date alone, whatever the gaps and the hour it is stamped at", () => {
    // Daily bars of a market open every day stamped at New York's midnight: 23 hours apart over the start
    // of summer time (10 March 2024).
    const daily = ["2024-03-09T05:00:00Z", "2024-03-10T05:00:00Z", "2024-03-11T04:00:00Z"];
    expect(daily.map((time) => chartTimeLabel(chartTime(time), "1d"))).toEqual([
      "2024-03-09",
      "2024-03-10",
      "2024-03-11",
    ]);
    expect(chartTimeLabel(chartTime("2000-01-04"), "1d")).toBe("2000-01-04");
    expect(chartTimeLabel(chartTime("2000-01-07"), "1wk")).toBe("2000-01-07");
  });
});
