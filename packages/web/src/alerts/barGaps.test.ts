// Where the bars drawn since a detection skip some that no source holds.
import { describe, expect, it } from "vitest";
import type { Bar } from "../api/types";
import { dailySeries, timeOf } from "../testing/dailySeries";
import { unheldGaps } from "./barGaps";

const series = dailySeries(200);
const at = (index: number) => timeOf(series, index);
const bars = (first: number, last: number) => series.slice(first, last + 1);

describe("bars no source holds", () => {
  it("finds the stretch after the 2003 TBOT that no later detection holds", () => {
    // Shaped as the bundled S&P 500 replay: the TBOT known at bar 100 (2003-04-15) with its bars from 72;
    // the later detections' bars from 111 (2003-05-01) through 138, 132 through 160, 134 through 162.
    const own = bars(72, 100);
    const stored = [bars(111, 138), bars(132, 160), bars(134, 162)];
    const drawn = [...bars(100, 100), ...bars(111, 144)];
    expect(unheldGaps(drawn, own, stored)).toEqual([{ after: at(100), before: at(111) }]);
  });

  it("finds none where one source holds both neighbours, however far apart", () => {
    // As 2001-09-10 and 2001-09-17 with the market closed between: one later detection holds both.
    const reopened = series[35] as Bar;
    const closed = [...bars(21, 25), reopened];
    expect(unheldGaps([...bars(20, 25), reopened], bars(0, 20), [closed])).toEqual([]);
    expect(unheldGaps([...bars(20, 25), reopened], bars(0, 20), [bars(21, 25), [reopened]])).toEqual([
      { after: at(25), before: at(35) },
    ]);
  });

  it("finds none where two sources touch across a weekend no wider than the own bars' steps", () => {
    // Bar 24 is a Friday, 25 the Monday after: one source ends on it, the next begins.
    expect(new Date(at(24)).getUTCDay()).toBe(5);
    expect(unheldGaps(bars(20, 30), bars(0, 20), [bars(21, 24), bars(25, 30)])).toEqual([]);
  });
});
