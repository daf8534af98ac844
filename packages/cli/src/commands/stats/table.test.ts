// The stats table's words: a count of one is singular, and a change that rounds to zero carries no minus.

import { readFileSync } from "node:fs";
import { evidenceOf, parseBarsCsv, scanOutcomes } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { SPX_FILE } from "../../../test/run";
import { evidenceTable } from "./table";

const bars = parseBarsCsv(readFileSync(SPX_FILE, "utf8"));
const evidence = evidenceOf([{ bars, detections: scanOutcomes(bars) }]);

/** The row of `code` in a table, its cells split at the table's gaps. */
const rowOf = (table: string, code: string) =>
  table
    .split("\n")
    .find((line) => line.startsWith(`${code} `))
    ?.split(/ {2,}/);

describe("evidenceTable", () => {
  it("prints a mean return or a lift that rounds to zero as +0, never -0.00% or -0.0 pts", () => {
    const [first, ...rest] = evidence;
    const h = first?.horizons["10"];
    if (!first || !h) throw new Error("the S&P series has evidence at 10 bars");
    const tiny = {
      ...first,
      horizons: {
        ...first.horizons,
        "10": {
          ...h,
          returns: { ...h.returns, mean: -0.00004 },
          baseline: { ...h.baseline, mean: -0.0000001 },
          lift: -0.0004,
        },
      },
    };
    const table = evidenceTable([tiny, ...rest], { series: 1, bars: bars.length, asOf: undefined });
    expect(rowOf(table, first.pattern)?.slice(6, 8)).toEqual(["+0.00% vs +0.00%", "+0.0 pts"]);
    // Past the rounding, the sign shows.
    const below = {
      ...tiny,
      horizons: { ...tiny.horizons, "10": { ...tiny.horizons["10"], lift: -0.0006 } },
    };
    const shown = evidenceTable([below, ...rest], { series: 1, bars: bars.length, asOf: undefined });
    expect(rowOf(shown, first.pattern)?.[7]).toBe("-0.1 pts");
  });

  it("says 1 bar, not 1 bars", () => {
    expect(evidenceTable(evidence, { series: 1, bars: 1, asOf: undefined })).toContain(
      "\n1 series, 1 bar, at the end of the data.",
    );
    expect(evidenceTable(evidence, { series: 2, bars: 2, asOf: "2010-01-01" })).toContain(
      "\n2 series, 2 bars, as of 2010-01-01.",
    );
  });
});
