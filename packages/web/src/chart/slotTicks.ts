// The labels of the time axis' ticks at empty slots, apart from chartData.ts, whose time reading every page
// shares: this needs a value (the tick kinds) from the charting library, and a value imported there put the
// whole library into the bundle every page loads, where only the chart's own chunk needs it
// (e2e/bundle-chunks.test.ts).

import { TickMarkType } from "lightweight-charts";

/** Seconds in a day: a UTC day's number is its seconds' quotient by it. */
const DAY_SECONDS = 86_400;

/**
 * A tick's label on the time axis: null (the chart labels it itself) at a bar, and at an empty slot whose
 * tick marks the day, month or year of the bar after it, on the same day: the slot, first on the axis of
 * that day, took its tick, and left blank it lost the day's label (an intraday bar at 10:00 after a gap of
 * days then read "10:00" with no date). Blank at a slot's time of day, or a day the bar after it does not
 * open (a bar at midnight, or a daily bar: the second before it is the day before, which nothing holds).
 * @example slotTickLabel(chartTime("2003-05-01") - 1, emptySlotTimes(["2003-05-01"]), TickMarkType.DayOfMonth) // ""
 * @example slotTickLabel(chartTime("2026-03-12T10:00:00Z") - 1, slots, TickMarkType.DayOfMonth) // null
 */
export function slotTickLabel(time: number, slots: ReadonlySet<number>, tick: TickMarkType): string | null {
  if (!slots.has(time)) return null;
  const opensItsDay = Math.floor(time / DAY_SECONDS) === Math.floor((time + 1) / DAY_SECONDS);
  return opensItsDay && tick < TickMarkType.Time ? null : "";
}
