// Turns bars and extrema into what the chart draws: candles, the line joining the extrema, their markers.
import type { Bar, Extremum } from "../api/types";
import { epochMs } from "../ui/format";

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

/** A marker on one extremum: above the bar for a maximum, below it for a minimum. */
export interface ExtremumMarker {
  time: number;
  position: "aboveBar" | "belowBar";
  shape: "arrowDown" | "arrowUp";
  text: string;
}

/**
 * A bar time in seconds since the epoch: ISO dates and datetimes, or epoch seconds/milliseconds.
 * @example chartTime("2000-01-03") // 946857600
 */
export function chartTime(time: string): number {
  const ms = /^\d+(\.\d+)?$/.test(time.trim()) ? epochMs(Number(time)) : Date.parse(time);
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
 * Markers labelled E1, E2, … in time order (the extrema table beside the chart gives their prices).
 * @example extremaMarkers([{ time: "2000-01-03", price: 10.456, kind: "max" }])[0].text // "E1"
 */
export function extremaMarkers(extrema: readonly Extremum[]): ExtremumMarker[] {
  return ordered(extrema).map((extremum, index) => ({
    time: chartTime(extremum.time),
    position: extremum.kind === "max" ? "aboveBar" : "belowBar",
    shape: extremum.kind === "max" ? "arrowDown" : "arrowUp",
    text: `E${index + 1}`,
  }));
}
