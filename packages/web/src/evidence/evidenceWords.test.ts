// Evidence in plain words, and the rule that calls an edge.

import { describe, expect, it } from "vitest";
import { horizonFigures, SPX_HS } from "../testing/evidenceFigures";
import { edgeVerdict, patternsCalled, returnWords, successWords } from "./evidenceWords";

const hs = SPX_HS;
const horizon = horizonFigures;

describe("evidence in words", () => {
  it("says how many reached their target, the rate and its interval", () => {
    expect(successWords(hs, "on SPX")).toBe(
      "20 of 79 past head-and-shoulders on SPX broke out down and reached their target: 25%, likely between 17% and 36%.",
    );
    expect(
      successWords({ ...hs, pattern: "DTOP", resolved: 1, succeeded: 1, successRate: 1 }, "on SPX"),
    ).toMatch(/^1 of 1 past double top on SPX broke out down and reached its target: 100%/);
    // A rate over fewer than 10 resolved detections says it means nothing yet; 79 do not.
    expect(
      successWords({ ...hs, pattern: "DTOP", resolved: 9, succeeded: 9, successRate: 1 }, "on SPX"),
    ).toMatch(/: 100%, likely between \d+% and \d+%\. Too few \(9\) to mean anything yet\.$/);
    expect(successWords(hs, "on SPX")).not.toMatch(/too few/i);
    expect(
      successWords({ ...hs, resolved: 0, successRate: null, successInterval: null }, "on all symbols"),
    ).toBe("None of the 79 head-and-shoulders on all symbols so far has resolved: no success rate yet.");
  });

  it("names patterns in the plural the way people write them", () => {
    expect(patternsCalled("DTOP", 3)).toBe("double tops");
    expect(successWords({ ...hs, pattern: "RTOP" }, "on SPX")).toMatch(
      /^20 of 79 past rectangle tops on SPX reached their target: /,
    );
    expect(patternsCalled("IHS", 3)).toBe("inverse head-and-shoulders");
    expect(patternsCalled("ATRI", 1)).toBe("ascending triangle");
  });

  it("puts the 10-bar return beside the baseline's", () => {
    expect(returnWords(hs)).toBe(
      "Over the next 10 bars: +0.51% on average after the pattern (79), against +0.19% after any bar (5,095).",
    );
  });
});

describe("the edge rule", () => {
  it("calls no edge when the interval spans zero, as for the README's head-and-shoulders", () => {
    const verdict = edgeVerdict(hs);
    expect(verdict.kind).toBe("noEdge");
    expect(verdict.interval?.[0]).toBeLessThan(0);
    expect(verdict.interval?.[1]).toBeGreaterThan(0);
    expect(verdict.words).toMatch(
      /^No edge: how often the price fell over 10 bars .* \(lift −2\.2 points, likely between −\d+\.\d points and \+\d+\.\d points\)\.$/,
    );
  });

  it("calls an edge only when the interval lies above zero, and names a move against the claim", () => {
    const strong = { ...hs, horizons: { ...hs.horizons, "10": horizon(400, 0.2, 0.214) } };
    expect(edgeVerdict(strong).kind).toBe("edge");
    expect(edgeVerdict(strong).words).toMatch(
      /^Edge: after this pattern the price fell over 10 bars more often/,
    );
    const against = { ...hs, horizons: { ...hs.horizons, "10": horizon(400, 0.8, -0.214) } };
    expect(edgeVerdict(against).kind).toBe("against");
  });

  it("calls no edge under 10 returns, and none to measure for codes that claim no direction", () => {
    const few = { ...hs, horizons: { ...hs.horizons, "10": horizon(9, 0.0, 0.414) } };
    expect(edgeVerdict(few)).toEqual({
      kind: "tooFew",
      words: "No edge: only 9 returns over 10 bars known, fewer than 10.",
    });
    expect(edgeVerdict({ ...hs, pattern: "RTOP" }).kind).toBe("noClaim");
  });
});
