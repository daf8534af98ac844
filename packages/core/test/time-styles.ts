// One daily series' times written in each style the readers take (epoch seconds, epoch milliseconds, ISO
// dates), for the tests that hold a series to one order, as instants, whatever styles its times are in.

import type { Bar } from "../src/types";

const DAY_S = 86_400;
/** 2020-01-01 in epoch seconds. */
const START_S = 1_577_836_800;

/** A style of bar time: epoch seconds, epoch milliseconds or an ISO date. */
export type TimeStyle = "s" | "ms" | "iso";

/**
 * The time of day `day` after 2020-01-01 written in `style`.
 *
 * @example
 * written(1, "ms") // "1577923200000"
 */
export function written(day: number, style: TimeStyle): string {
  const seconds = START_S + day * DAY_S;
  if (style === "s") return String(seconds);
  if (style === "ms") return String(seconds * 1000);
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** Closes that swing enough for the engine to find patterns (so a scan has something to report). */
const swingingClose = (i: number) => 100 + 10 * Math.sin(i / 4) + 3 * Math.sin(i / 1.7) + (i % 7) / 10;

/**
 * 150 daily bars in `first` style from 2020-01-01, then 150 in `second` style from `shift` days after the
 * 150th day (-200: the file that exposed the bug, 200 days before 2020-01-01; +1: the next day, in order).
 */
export function twoStyles(first: TimeStyle, second: TimeStyle, shift: number): Bar[] {
  const bars: Bar[] = [];
  for (let i = 0; i < 150; i++) bars.push({ time: written(i, first), close: swingingClose(i) });
  const from = shift < 0 ? shift : 149 + shift;
  for (let i = 0; i < 150; i++) bars.push({ time: written(from + i, second), close: swingingClose(150 + i) });
  return bars;
}
