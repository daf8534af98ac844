// Evidence in plain words, and the rule that calls an edge.

import { describe, expect, it } from "vitest";
import { downFigures, horizonFigures, SPX_HS } from "../testing/evidenceFigures";
import { edgeVerdict, patternsCalled, returnWords, successWords } from "./evidenceWords";

const hs = SPX_HS;
const horizon = horizonFigures;

describe("evidence in words", () => {
  it("says how many reached their target, the rate and its interval", () => {
    expect(successWords(hs, "on SPX")).toBe(
      "20 of 79 past head-and-shoulders on SPX broke out down, the pattern's direction, and reached their target: 25%, likely between 17% and 36%.",
    );
    expect(
      successWords({ ...hs, pattern: "DTOP", resolved: 1, succeeded: 1, successRate: 1 }, "on SPX"),
    ).toMatch(
      /^1 of 1 past double top on SPX broke out down, the pattern's direction, and reached its target: 100%/,
    );
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
  it("calls no edge when the interval spans zero, as for docs/patterns.md's head-and-shoulders", () => {
    const verdict = edgeVerdict(hs);
    expect(verdict.kind).toBe("noEdge");
    expect(verdict.interval?.[0]).toBeLessThan(0);
    expect(verdict.interval?.[1]).toBeGreaterThan(0);
    expect(verdict.words).toMatch(
      /^No edge: how often the price fell over 10 bars .* \(lift −2\.2 points, likely between −\d+\.\d points and \+\d+\.\d points\)\.$/,
    );
  });

  it("calls an edge only when the interval lies above zero, and names a move against the claim", () => {
    const strong = { ...hs, horizons: { ...hs.horizons, "10": downFigures(400, 149) } };
    expect(edgeVerdict(strong).kind).toBe("edge");
    expect(edgeVerdict(strong).words).toMatch(
      /^Edge: after this pattern the price fell over 10 bars more often/,
    );
    const against = { ...hs, horizons: { ...hs.horizons, "10": downFigures(400, 320) } };
    expect(edgeVerdict(against).kind).toBe("against");
  });

  it("pooled over several symbols, calls an interval above zero no edge yet, and says the interval is too narrow", () => {
    // The CLI measured it on 200 copies of the S&P series (docs/patterns.md "Overlapping returns"): one
    // series' information, whose lifts Newcombe's interval put "clear of zero" when pooled.
    const strong = { ...hs, horizons: { ...hs.horizons, "10": downFigures(400, 149) } };
    const alone = edgeVerdict(strong);
    expect(edgeVerdict(strong, 1)).toEqual(alone);
    const pooled = edgeVerdict(strong, 200);
    expect(pooled.kind).toBe("maybeEdge");
    expect(pooled.interval).toEqual(alone.interval);
    expect(pooled.words).toMatch(
      /^May be an edge: after this pattern the price fell over 10 bars more often than after any bar \(lift \+21\.3 points, likely between \+\d+\.\d points and \+\d+\.\d points\), but over 200 symbols that interval is too narrow: it assumes their returns are independent, while stocks move together on a date; the CLI's patterns stats, run on their bar files, widens it for that\.$/,
    );
    // Against the claim: still no edge, and the interval said too narrow.
    const against = { ...hs, horizons: { ...hs.horizons, "10": downFigures(400, 320) } };
    expect(edgeVerdict(against, 2)).toMatchObject({ kind: "against" });
    expect(edgeVerdict(against, 2).words).toMatch(
      /^No edge: .* against its claim \(.*\), but over 2 symbols that interval is too narrow: it assumes /,
    );
    // Within chance stays no edge (a wider interval reaches zero too), but the interval it quotes is too
    // narrow, and it says so; for one symbol the words are as before.
    expect(edgeVerdict(hs, 1)).toEqual(edgeVerdict(hs));
    expect(edgeVerdict(hs, 2)).toEqual({
      kind: "noEdge",
      interval: edgeVerdict(hs).interval,
      words:
        "No edge: how often the price fell over 10 bars after this pattern is within chance of any bar (lift −2.2 points, likely between −12.3 points and +8.9 points), but over 2 symbols that interval is too narrow: it assumes their returns are independent, while stocks move together on a date; the CLI's patterns stats, run on their bar files, widens it for that.",
    });
    expect(edgeVerdict(hs).words).not.toContain("too narrow");
  });

  it("widens a down claim's interval, and says why, when unchanged closes leave its counts unknown", () => {
    // A thin stock's minute bars: 10 double tops' 10-bar returns, 5 below zero, 3 unchanged, 2 above; 964 of
    // the baseline's 2,990 below zero, 1,276 unchanged. The lift, +17.8 points, is exact; Newcombe's interval
    // from the counts, -8.6 to +44.2, is not in the figures (the console gave -15.4 to +23.5, then none), but
    // the union of the intervals of every count they allow holds it: -13.3 to +48.7.
    const tenBars = {
      returns: { n: 10, mean: -0.0012, upShare: 0.2 },
      baseline: { n: 2990, mean: -0.0002, upShare: 750 / 2990 },
      lift: 5 / 10 - 964 / 2990,
    };
    const verdict = edgeVerdict({ ...hs, pattern: "DTOP", horizons: { ...hs.horizons, "10": tenBars } });
    expect(verdict.kind).toBe("noEdge");
    expect(verdict.words).toBe(
      "No edge: how often the price fell over 10 bars after this pattern is within chance of any bar (lift +17.8 points, likely between −13.3 points and +48.7 points; widened: some returns are exactly 0 (unchanged closes) and the evidence does not say how many, so the interval spans every count of them its figures allow).",
    );
    // Figures no counts give (a lift above the 8 of 10 not above zero) leave it unknown, and say why.
    const none = edgeVerdict({
      ...hs,
      pattern: "DTOP",
      horizons: { ...hs.horizons, "10": { ...tenBars, lift: 0.9 } },
    });
    expect(none).toEqual({
      kind: "noInterval",
      words:
        "No edge can be judged: lift +90.0 points, but its interval is unknown: some returns are exactly 0 (unchanged closes), and the evidence counts the returns above 0 but not those below, so the shares a down claim's interval needs are unknown.",
    });
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
