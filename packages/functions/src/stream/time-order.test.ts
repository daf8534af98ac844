// A bar appended to a stored window must be later as an instant, whatever unit its epoch time is in: a
// window of epoch seconds took a millisecond bar 200 days earlier as new (1.56e12 > 1.58e9) and stored it.
// Now such a bar is before the window's newest: late (never applied, the window holds every bar of its
// series), returned to be set aside, nothing stored; the window's newest again, in the other unit, a duplicate.

import type { Bar } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { applyBars } from "./apply-bars";
import { loadWindow } from "./repository";

const DAY_S = 86_400;
/** 2020-01-01 in epoch seconds. */
const START_S = 1_577_836_800;

/** Day `day` after 2020-01-01 in epoch seconds or milliseconds. */
const written = (day: number, unit: "s" | "ms") =>
  String(unit === "s" ? START_S + day * DAY_S : (START_S + day * DAY_S) * 1000);

/** Daily bars from `from` for `count` days, their times in `unit`. */
const daily = (from: number, count: number, unit: "s" | "ms"): Bar[] =>
  Array.from({ length: count }, (_, i) => ({
    time: written(from + i, unit),
    close: 100 + 10 * Math.sin((from + i) / 4),
  }));

describe("a bar whose epoch unit differs from the window's", () => {
  it.each([
    ["s", "ms"],
    ["ms", "s"],
  ] as const)("in a window of %s, is late when %s names an earlier instant", async (first, second) => {
    const symbol = `TO${first}${second}`.toUpperCase();
    await applyBars(symbol, "1d", daily(0, 50, first));
    const earlier = await applyBars(symbol, "1d", daily(-200, 3, second));
    expect([earlier.applied, earlier.duplicates, earlier.late.length]).toEqual([0, 0, 3]);
    expect((await loadWindow(symbol, "1d")).bars.at(-1)?.time).toBe(written(49, first));
  });

  it.each([
    ["s", "ms"],
    ["ms", "s"],
  ] as const)("in a window of %s, is appended when %s names a later instant", async (first, second) => {
    const symbol = `TL${first}${second}`.toUpperCase();
    await applyBars(symbol, "1d", daily(0, 50, first));
    // The window's newest day again in the other unit (a replay), then two later days.
    const later = await applyBars(symbol, "1d", daily(49, 3, second));
    expect([later.applied, later.duplicates]).toEqual([2, 1]);
    expect((await loadWindow(symbol, "1d")).bars.at(-1)?.time).toBe(written(51, second));
  });
});
