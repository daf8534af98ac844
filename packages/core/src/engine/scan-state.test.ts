import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomSeries } from "../../test/random-series";
import { PATTERN_FAMILIES } from "../patterns/families";
import type { PatternCode } from "../types";
import { scanBars } from "./scan";
import { withScanState } from "./scan-state";

const stateFor = (patterns?: readonly PatternCode[], bandwidth?: number) =>
  withScanState({ patterns, bandwidth }, (state) => state);

const FAMILIES = Object.values(PATTERN_FAMILIES);

describe("withScanState", () => {
  it("keeps a state for each of the workflow's families and for all codes, used in turns", () => {
    const first = FAMILIES.map((codes) => stateFor(codes));
    const all = stateFor();
    expect(FAMILIES.map((codes) => stateFor(codes))).toEqual(first);
    for (const [i, codes] of FAMILIES.entries()) expect(stateFor(codes)).toBe(first[i]);
    expect(stateFor()).toBe(all);
    // The same codes in another order are the same options.
    expect(stateFor([...(FAMILIES[0] ?? [])].reverse())).toBe(first[0]);
  });

  it("keeps four sets of options, letting the least recently used go for a fifth", () => {
    const oldest = stateFor(["HS"]);
    for (const code of ["IHS", "DTOP", "DBOT"] as const) stateFor([code]);
    expect(stateFor(["HS"])).toBe(oldest);
    // HS was used last: a fifth set lets IHS go, not HS.
    stateFor(["RTOP"]);
    expect(stateFor(["HS"])).toBe(oldest);
    for (const code of ["RBOT", "TTOP", "TBOT", "ATRI"] as const) stateFor([code]);
    expect(stateFor(["HS"])).not.toBe(oldest);
  });

  it("shares a series among the states of one bandwidth, never across bandwidths", () => {
    const hs = stateFor(["HS"], 1.5);
    const dtop = stateFor(["DTOP"], 1.5);
    const other = stateFor(["HS"], 2);
    expect(dtop.series).toBe(hs.series);
    expect(dtop.evaluator).not.toBe(hs.evaluator);
    expect(other.series).not.toBe(hs.series);
    expect(other.kernel).not.toBe(hs.kernel);
  });

  it("gives a scan started inside another a state of its own", () => {
    const outer = withScanState({}, (state) => ({ state, inner: stateFor() }));
    expect(outer.inner).not.toBe(outer.state);
    expect(outer.inner.series).not.toBe(outer.state.series);
  });

  it("finds, family by family in turns and at two bandwidths, what one scan of all codes finds", () => {
    fc.assert(
      fc.property(randomSeries, ({ bars, bandwidth }) => {
        for (const width of [bandwidth, bandwidth * 1.5]) {
          const whole = scanBars(bars, { bandwidth: width });
          for (const codes of FAMILIES) {
            const family = new Set<PatternCode>(codes);
            expect(scanBars(bars, { bandwidth: width, patterns: codes })).toEqual(
              whole.filter((detection) => family.has(detection.pattern)),
            );
          }
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
