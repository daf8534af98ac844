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
    const table = evidenceTable([tiny, ...rest], { series: 1, bars: bars.length, asOf: undefined }, {});
    expect(rowOf(table, first.pattern)?.[7]).toBe("+0.00% vs +0.00%");
    expect(rowOf(table, first.pattern)?.[8]).toMatch(/^\+0\.0 pts \[/);
    // Past the rounding, the sign shows.
    const below = {
      ...tiny,
      horizons: { ...tiny.horizons, "10": { ...tiny.horizons["10"], lift: -0.0006 } },
    };
    const shown = evidenceTable([below, ...rest], { series: 1, bars: bars.length, asOf: undefined }, {});
    expect(rowOf(shown, first.pattern)?.[8]).toMatch(/^-0\.1 pts \[/);
  });

  it("shows the returns the 10-bar figures count, the lift's interval, and when they are too few", () => {
    // As of 2000-09-01 three double tops were detected, but only two had a 10-bar return: the lift of
    // +51.9 points is over those two, and the table printed it beside n 3 with nothing else.
    const early = evidenceOf([{ bars, detections: scanOutcomes(bars) }], "2000-09-01");
    const table = evidenceTable(early, { series: 1, bars: bars.length, asOf: "2000-09-01" }, {});
    const header = table.split("\n")[0]?.split(/ {2,}/);
    const dtop = rowOf(table, "DTOP");
    expect(header?.[6]).toBe("n10");
    // Its success rate, 0 of 2, is too few as well; 79 resolved head-and-shoulders are not.
    expect(dtop?.slice(3, 5)).toEqual(["3", "2 (too few)"]);
    expect(dtop?.[6]).toBe("2 (too few)");
    expect(dtop?.[8]).toMatch(/^\+51\.9 pts \[[-+]\d+\.\d, \+\d+\.\d\]$/);
    expect(table).toContain("Fewer than 10 resolved or n10 are too few to mean anything.");
    // At the end of the data the head-and-shoulders' lift of -2.2 points spans zero, and 79 returns are enough.
    const hs = rowOf(evidenceTable(evidence, { series: 1, bars: bars.length, asOf: undefined }, {}), "HS");
    expect(hs?.slice(4, 7)).toEqual(["79", "25.3% [17.0%, 35.9%]", "79"]);
    expect(hs?.[8]).toMatch(/^-2\.2 pts \[-\d+\.\d, \+\d+\.\d\]$/);
    // A code that claims no direction has no lift, and no interval.
    expect(rowOf(table, "BTOP")?.[8]).not.toMatch(/pts/);
  });

  it("widens a down claim's interval, and says why, when unchanged closes leave its counts unknown", () => {
    // A thin stock's minute bars: 6 double tops' 10-bar returns, 4 below zero, 1 unchanged; 841 of the
    // baseline's 2,990 below zero, 1,446 unchanged. The table printed "+38.5 pts [+NaN, +NaN]", then
    // "[no interval: unchanged closes]"; the only counts these figures allow are the true ones, so the
    // interval is Newcombe's from them, +1.8 to +62.2.
    const dtop = evidence.find((e) => e.pattern === "DTOP");
    const h = dtop?.horizons["10"];
    if (!dtop || !h) throw new Error("the S&P series has double tops");
    const thinAt = (lift: number) => ({
      ...dtop,
      horizons: {
        ...dtop.horizons,
        "10": {
          ...h,
          returns: { ...h.returns, n: 6, upShare: 1 / 6 },
          baseline: { ...h.baseline, n: 2990, upShare: 703 / 2990 },
          lift,
        },
      },
    });
    const table = evidenceTable([thinAt(4 / 6 - 841 / 2990)], { series: 1, bars: 3000, asOf: undefined }, {});
    expect(rowOf(table, "DTOP")?.[8]).toBe("+38.5 pts [+1.8, +62.2] widened");
    expect(table).toContain("\nWidened: some returns are exactly 0 (unchanged closes)");
    expect(table).not.toContain("No interval");
    // Figures no counts give (a lift above the 5 of 6 not above zero) have none, and say why.
    const none = evidenceTable([thinAt(0.9)], { series: 1, bars: 3000, asOf: undefined }, {});
    expect(rowOf(none, "DTOP")?.[8]).toBe("+90.0 pts [no interval: unchanged closes]");
    expect(none).toContain(
      "\nNo interval: some returns are exactly 0 (unchanged closes), and the evidence counts the returns above 0 but not those below",
    );
    // At 10 bars the S&P 500's returns are never exactly zero: neither line.
    const spx = evidenceTable(evidence, { series: 1, bars: bars.length, asOf: undefined }, {});
    expect(spx).not.toMatch(/widened|No interval/i);
  });

  it("says 1 bar, not 1 bars", () => {
    expect(evidenceTable(evidence, { series: 1, bars: 1, asOf: undefined }, {})).toContain(
      "\n1 series, 1 bar, at the end of the data.",
    );
    expect(evidenceTable(evidence, { series: 2, bars: 2, asOf: "2010-01-01" }, {})).toContain(
      "\n2 series, 2 bars read, counted as of 2010-01-01 (the bars after it are not counted).",
    );
  });
});
