import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomSeries } from "../../test/random-series";
import { parseBarsCsv } from "../bars/csv";
import { calendarDateValue, isoDateValue } from "../bars/time";
import type { Bar, Detection } from "../types";
import { scanBars } from "./scan";
import { scanColumns } from "./scan-columns";

/** A Bar array as columns, as a reader that never makes Bar objects would hold it. */
const columnsOf = (bars: readonly Bar[]) => ({
  closes: Float64Array.from(bars, (bar) => bar.close),
  time: (i: number) => bars[i]?.time ?? "",
  volume: (i: number) => bars[i]?.volume,
});

describe("scanColumns", () => {
  it("finds what scanBars finds, volumes and all, on the bundled S&P 500 series", () => {
    const bars = parseBarsCsv(
      readFileSync(new URL("../../../../data/sp500-2000.csv", import.meta.url), "utf8"),
    );
    const found = scanBars(bars);
    expect(found.length).toBeGreaterThan(500);
    expect(scanColumns(columnsOf(bars))).toEqual(found);
  });

  it("finds what scanBars finds on random series, and gives each detection to a sink in order", () => {
    fc.assert(
      fc.property(randomSeries, ({ bars, bandwidth }) => {
        const given: unknown[] = [];
        scanColumns(columnsOf(bars), { bandwidth }, { push: (d: Detection) => given.push(d) });
        expect(given).toEqual(scanBars(bars, { bandwidth }));
      }),
      { numRuns: 100, seed: 13 },
    );
  });
});

describe("calendarDateValue", () => {
  it("is isoDateValue's rule for a date's numbers", () => {
    expect(calendarDateValue(1970, 1, 2)).toBe(86_400_000);
    expect(calendarDateValue(2020, 2, 29)).toBe(isoDateValue("2020-02-29"));
    expect(calendarDateValue(2020, 2, 30)).toBeUndefined();
    expect(calendarDateValue(1900, 2, 29)).toBeUndefined();
    expect(calendarDateValue(2020, 13, 1)).toBeUndefined();
    expect(calendarDateValue(-1, 1, 1)).toBeUndefined();
  });
});
