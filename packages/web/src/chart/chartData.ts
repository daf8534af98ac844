// Turns bars, extrema and an outcome into what the chart draws: candles, the line joining the extrema, their
// markers, the price levels and the breakout and deciding bars.

import { instantValue } from "@stock-patterns/core";
import type { Bar, Extremum, Outcome } from "../api/types";
import { formatBarTime } from "../ui/format";

/** A candle at a UTC timestamp in seconds (the chart's time unit). */
export interface Candle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

/** A point of the line through the extrema. */
export interface ExtremumPoint {
  time: number;
  value: number;
}

/**
 * A marker on one bar: an arrow pointing at `price` from `side` of it, with its text past the arrow. An
 * extremum's points at its bar's high from above (a maximum) or its low from below (a minimum); the breakout and
 * the deciding bar point at their bar from a price of their own (see MarkerBand).
 */
export interface ChartMarker {
  time: number;
  side: "above" | "below";
  price: number;
  text: string;
}

/**
 * A bar time in seconds since the epoch: ISO dates and datetimes, or epoch seconds/milliseconds, read by
 * core's instantValue (the rule that orders a series' times), so candles sit where the engine put the bars.
 * @example chartTime("2000-01-03") // 946857600
 */
export function chartTime(time: string): number {
  const ms = instantValue(time);
  if (Number.isNaN(ms)) throw new Error(`unreadable bar time "${time}"`);
  return Math.floor(ms / 1000);
}

/**
 * Candles in ascending time, one per time. A bar with only a close opens at the previous close,
 * and its high and low span open and close, so close-only series still read as a chart.
 */
export function toCandles(bars: readonly Bar[]): Candle[] {
  const byTime = new Map<number, Bar>();
  for (const bar of bars) byTime.set(chartTime(bar.time), bar);
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const candles: Candle[] = [];
  for (const time of times) {
    const bar = byTime.get(time) as Bar;
    const open = bar.open ?? candles.at(-1)?.close ?? bar.close;
    const high = Math.max(bar.high ?? Math.max(open, bar.close), open, bar.close);
    const low = Math.min(bar.low ?? Math.min(open, bar.close), open, bar.close);
    candles.push({ time, open, high, low, close: bar.close });
  }
  return candles;
}

/** A place on the time axis with no candle (the charting library's whitespace). */
export interface EmptySlot {
  time: number;
}

/**
 * The times of the empty slots: one second before each of `breaks` (the times of bars drawn after bars no
 * source holds), so each sorts between the bars either side of its gap.
 * @example emptySlotTimes(["2003-05-01"]) // Set { 1051747199 }
 */
export function emptySlotTimes(breaks: readonly string[]): ReadonlySet<number> {
  return new Set(breaks.map((time) => chartTime(time) - 1));
}

/**
 * The candles with an empty slot before each of `breaks` (emptySlotTimes), so the chart shows the stretch as
 * missing instead of joining the bars on either side.
 * @example withEmptySlots(candles, ["2003-05-01"]) // …, 2003-04-15, (empty), 2003-05-01, …
 */
export function withEmptySlots(
  candles: readonly Candle[],
  breaks: readonly string[],
): (Candle | EmptySlot)[] {
  const slots = emptySlotTimes(breaks);
  return candles.flatMap((candle) =>
    slots.has(candle.time - 1) ? [{ time: candle.time - 1 }, candle] : [candle],
  );
}

const NO_SLOTS: ReadonlySet<number> = new Set();

/**
 * A time as the chart labels it under the crosshair: a bar's as every page writes a bar time of the series'
 * interval (formatBarTime), the date for daily and longer bars, date and time below a day. The interval, not
 * the candles' spacing, decides: a daily series 23 hours apart over a change to summer time read as
 * intraday, and an hourly one kept a bar a day as daily. An empty slot (one of `slots`) names the bar it
 * stands before: its own time, a second earlier, read as the day before, the minute before, or for daily
 * bars stamped after midnight UTC the next bar's own date.
 * @example chartTimeLabel(chartTime("2026-10-06T12:00:00Z"), "1h") // "2026-10-06 12:00 UTC"
 * @example chartTimeLabel(chartTime("2003-05-01") - 1, "1d", emptySlotTimes(["2003-05-01"])) // "bars missing before 2003-05-01"
 */
export function chartTimeLabel(
  time: number,
  interval: string,
  slots: ReadonlySet<number> = NO_SLOTS,
): string {
  if (slots.has(time)) return `bars missing before ${chartTimeLabel(time + 1, interval)}`;
  return formatBarTime(new Date(time * 1000).toISOString(), interval);
}

/** The extrema in time order (E1 first). */
export function ordered(extrema: readonly Extremum[]): Extremum[] {
  return [...extrema].sort((a, b) => chartTime(a.time) - chartTime(b.time));
}

/** The extrema as a line, in time order (one point per time). */
export function extremaLine(extrema: readonly Extremum[]): ExtremumPoint[] {
  const points = new Map<number, number>();
  for (const extremum of ordered(extrema)) points.set(chartTime(extremum.time), extremum.price);
  return [...points].map(([time, value]) => ({ time, value }));
}

/**
 * Markers labelled E1, E2, … in time order (the extrema table beside the chart gives their prices), at their
 * candle's high or low, or at the extremum's price where there is no candle (on the line through the extrema).
 * @example extremaMarkers([{ time: "2000-01-03", price: 10.456, kind: "max" }])[0] // { time: 946857600, side: "above", price: 10.456, text: "E1" }
 */
export function extremaMarkers(extrema: readonly Extremum[], candles: readonly Candle[] = []): ChartMarker[] {
  const byTime = new Map(candles.map((candle) => [candle.time, candle]));
  return ordered(extrema).map((extremum, index) => {
    const time = chartTime(extremum.time);
    const candle = byTime.get(time);
    const max = extremum.kind === "max";
    return {
      time,
      side: max ? "above" : "below",
      price: candle ? (max ? candle.high : candle.low) : extremum.price,
      text: `E${index + 1}`,
    };
  });
}

/** A horizontal price level drawn across the chart: the pattern's range and its target. */
export interface PriceLevel {
  name: "ceiling" | "floor" | "target";
  price: number;
}

/** Where the outcome's levels sit: ceiling and floor always, the target once there is a breakout. */
export function priceLevels(outcome: Outcome): PriceLevel[] {
  const levels: PriceLevel[] = [
    { name: "ceiling", price: outcome.ceiling },
    { name: "floor", price: outcome.floor },
  ];
  if (outcome.target !== null) levels.push({ name: "target", price: outcome.target });
  return levels;
}

/** The prices above and below everything drawn: the highest high and the lowest low of the candles and levels. */
export interface MarkerBand {
  top: number;
  bottom: number;
}

/**
 * The band the breakout's and the deciding bar's markers sit at: their texts are words (up to "Breakout down",
 * 88 px at 12 px), wider than a dozen bars at 375 px, and set above or below their own bar they were drawn
 * over the candles either side; past every candle and level they cover none.
 * @example markerBand([{ time: 0, open: 10, high: 12, low: 9, close: 11 }], [{ name: "target", price: 14 }]) // { top: 14, bottom: 9 }
 */
export function markerBand(candles: readonly Candle[], levels: readonly PriceLevel[]): MarkerBand {
  const prices = levels.map((level) => level.price);
  return {
    top: Math.max(...candles.map((candle) => candle.high), ...prices),
    bottom: Math.min(...candles.map((candle) => candle.low), ...prices),
  };
}

/**
 * Markers for the breakout bar, under the band (its arrow pointing up at the bar, the text naming the
 * direction) and the deciding bar (its status; "expired" where the breakout window ran out), over it: one
 * below, one above, so the two texts never meet however close the bars. Only bars on the chart are marked (a
 * marker at a time with no candle would sit on a neighbour and mislead).
 * @example lifecycleMarkers(outcome, new Set([chartTime("2000-04-03")]), band)[0].text // "Breakout up"
 */
export function lifecycleMarkers(
  outcome: Outcome,
  candleTimes: ReadonlySet<number>,
  band: MarkerBand,
): ChartMarker[] {
  const markers: ChartMarker[] = [];
  const { breakout, resolvedAt, status } = outcome;
  if (breakout && candleTimes.has(chartTime(breakout.time))) {
    markers.push({
      time: chartTime(breakout.time),
      side: "below",
      price: band.bottom,
      text: `Breakout ${breakout.direction}`,
    });
  }
  if (resolvedAt && candleTimes.has(chartTime(resolvedAt))) {
    markers.push({
      time: chartTime(resolvedAt),
      side: "above",
      price: band.top,
      text: status,
    });
  }
  return markers;
}
