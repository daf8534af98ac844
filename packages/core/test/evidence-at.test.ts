// evidenceAtTimes against its definition: evidenceOf of the one series as of each time asked, to the bit.

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { itemAt } from "../src/engine/indexed";
import {
  type Bar,
  type Evidence,
  type EvidenceAsk,
  evidenceAtTimes,
  evidenceOf,
  PATTERN_CODES,
  parseBarsCsv,
  type SeriesOutcomes,
  scanOutcomes,
} from "../src/index";
import { day } from "./planted";
import { centSeries, randomSeries } from "./random-series";

const spx = parseBarsCsv(readFileSync(new URL("../../../data/sp500-2000.csv", import.meta.url), "utf8"));

/** What each ask means: its code's evidence from evidenceOf as of its time (once per time). */
function oracle(series: SeriesOutcomes, asks: readonly EvidenceAsk[]) {
  const atTime = new Map(asks.map(({ asOf }) => [asOf, [] as Evidence[]]));
  for (const [asOf, evidence] of atTime) evidence.push(...evidenceOf([series], asOf));
  return asks.map(({ pattern, asOf }) => atTime.get(asOf)?.find((e) => e.pattern === pattern));
}

/**
 * A series' detections with more to count: every third also under the next code at the same bar (two codes
 * at one bar), every fifth twice (two detections of one code at one bar), the list still in time order.
 */
function crowded(bars: Bar[], bandwidth: number) {
  return scanOutcomes(bars, { bandwidth }).flatMap((d, i) => [
    d,
    ...(i % 3 === 0
      ? [
          {
            ...d,
            pattern: itemAt(PATTERN_CODES, (PATTERN_CODES.indexOf(d.pattern) + 1) % PATTERN_CODES.length),
          },
        ]
      : []),
    ...(i % 5 === 0 ? [d] : []),
  ]);
}

/** Each detection's code at its time, and as many asks of any code at any bar, between bars or outside. */
const asksFor = (bars: Bar[], detections: SeriesOutcomes["detections"], picks: number[]): EvidenceAsk[] => [
  ...detections.map((d) => ({ pattern: d.pattern, asOf: d.detectedAt })),
  ...picks.map((pick, i) => {
    const pattern = itemAt(PATTERN_CODES, pick % PATTERN_CODES.length);
    const bar = pick % (bars.length + 2);
    const asOf = bar === 0 ? "1999-12-31" : bar > bars.length ? "2100-01-01" : itemAt(bars, bar - 1).time;
    // Every other ask of a bar's day at its noon: between that bar and the next.
    return { pattern, asOf: i % 2 === 0 || bar === 0 || bar > bars.length ? asOf : `${asOf}T12:00:00Z` };
  }),
];

describe("evidenceAtTimes equals evidenceOf as of each time asked", () => {
  it.each([
    ["walks of 0.1% to 3% steps", randomSeries],
    ["whole-cent closes, many returns tied and 0", centSeries],
  ])("on %s, several codes and detections at one bar", (_, series) => {
    fc.assert(
      fc.property(series, fc.array(fc.nat(), { maxLength: 40 }), ({ bars, bandwidth }, picks) => {
        const detections = crowded(bars, bandwidth);
        const asks = asksFor(bars, detections, picks);
        expect(evidenceAtTimes({ bars, detections }, asks)).toStrictEqual(oracle({ bars, detections }, asks));
      }),
      { numRuns: 30 },
    );
  });

  it("on the S&P 500 series, each detection's code as of its time (over 4,096 baseline returns late on)", () => {
    const detections = scanOutcomes(spx);
    const asks = asksFor(spx, detections, [0, spx.length + 1, 3, 1_000, 4_200, spx.length]);
    const answers = evidenceAtTimes({ bars: spx, detections }, asks);
    expect(answers).toStrictEqual(oracle({ bars: spx, detections }, asks));
    expect(Math.max(...answers.map((e) => e.horizons["1"].baseline.n))).toBeGreaterThan(4096);
    expect(answers.filter((e) => e.horizons["20"].ks !== null).length).toBeGreaterThan(detections.length / 2);
  }, 60_000);

  it("as of times before any detection: none counted, the baseline still", () => {
    const detections = scanOutcomes(spx).filter((d) => d.detectedAt > "2005-01-01");
    const asks: EvidenceAsk[] = [
      { pattern: "HS", asOf: "1999-01-01" },
      { pattern: "HS", asOf: "2004-12-31" },
      { pattern: "RTOP", asOf: spx[1]?.time ?? "" },
      { pattern: "DBOT", asOf: "2004-06-30T23:00:00Z" },
    ];
    const answers = evidenceAtTimes({ bars: spx, detections }, asks);
    expect(answers).toStrictEqual(oracle({ bars: spx, detections }, asks));
    expect(answers.map((e) => e.detections)).toEqual([0, 0, 0, 0]);
    expect(answers.map((e) => e.horizons["1"].baseline.n)).toEqual([
      0,
      expect.any(Number),
      1,
      expect.any(Number),
    ]);
  });

  it("with detections out of time order, and some whose time no bar has as written", () => {
    const found = scanOutcomes(spx);
    const detections = [...found]
      .reverse()
      .map((d, i) => (i % 7 === 0 ? { ...d, detectedAt: `${d.detectedAt}T00:00:00Z` } : d));
    const asks = asksFor(spx, found.slice(0, 60), [2_000, 5_000]);
    expect(evidenceAtTimes({ bars: spx, detections }, asks)).toStrictEqual(
      oracle({ bars: spx, detections }, asks),
    );
  });

  it("with returns of -0 and +0 (as a caller's outcomes may carry them): ordered as the sort orders them", () => {
    // Only zeros and a few small returns, -0 and +0 in turn: many a median lands on a zero, its sign the
    // order of the zeros around it.
    const values = [-0, 0, 0, -0, 0.01, -0, -0.01, 0];
    const detections = scanOutcomes(spx.slice(0, 1_500)).map((d, i) => ({
      ...d,
      outcome: {
        ...d.outcome,
        returns: d.outcome.returns.map((_, h) => values[(i + h) % values.length] ?? 0),
      },
    }));
    const asks = detections.map((d) => ({ pattern: d.pattern, asOf: d.detectedAt }));
    const answers = evidenceAtTimes({ bars: spx, detections }, asks);
    expect(answers).toStrictEqual(oracle({ bars: spx, detections }, asks));
    const medians = answers.flatMap((e) => Object.values(e.horizons).map((h) => h.returns.median));
    expect(medians.filter((m) => Object.is(m, -0)).length).toBeGreaterThan(0);
    expect(medians.filter((m) => Object.is(m, 0)).length).toBeGreaterThan(0);
  });

  it("answers as many as asked, in their order, none for no ask, and refuses an unreadable time", () => {
    const bars = spx.slice(0, 400);
    const detections = scanOutcomes(bars);
    expect(evidenceAtTimes({ bars, detections }, [])).toEqual([]);
    const asks: EvidenceAsk[] = [
      { pattern: "HS", asOf: day(9_000) },
      { pattern: "BTOP", asOf: "2000-03-01" },
      { pattern: "HS", asOf: "2000-02-01" },
    ];
    expect(evidenceAtTimes({ bars, detections }, asks).map((e) => e.pattern)).toEqual(["HS", "BTOP", "HS"]);
    expect(() => evidenceAtTimes({ bars, detections }, [{ pattern: "HS", asOf: "last tuesday" }])).toThrow(
      'as-of time "last tuesday" is not an ISO 8601 date or datetime',
    );
  });
});
