// Tallies a stream stores, read back: one series' tally gives evidenceOf's figures exactly (without median
// and KS), and tallies of several series pooled give evidenceOf over all of them (sums in another order, so
// floats to 1e-9 relative; every count exactly).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { randomWalkBars } from "../bench/series";
import { itemAt } from "../src/engine/indexed";
import {
  addTally,
  type Bar,
  type Evidence,
  emptyEvidenceTally,
  evidenceOf,
  parseBarsCsv,
  poolTallies,
  type RunningEvidence,
  StreamingDetector,
  scanOutcomes,
  tallyEvidence,
} from "../src/index";
import { differences } from "./close";

const spx = parseBarsCsv(readFileSync(new URL("../../../data/sp500-2000.csv", import.meta.url), "utf8"));

function streamedTally(bars: readonly Bar[]) {
  const detector = new StreamingDetector({ outcomes: true });
  for (const bar of bars) detector.advance(bar);
  const tally = detector.state().outcomes?.evidence;
  expect(tally).toBeDefined();
  return tally as NonNullable<typeof tally>;
}

function running(evidence: Evidence[]): RunningEvidence[] {
  return evidence.map((e) => ({
    ...e,
    horizons: Object.fromEntries(
      Object.entries(e.horizons).map(([h, { returns, baseline, ks: _ks, ...rest }]) => {
        const { median: _m, ...r } = returns;
        const { median: _b, ...b } = baseline;
        return [h, { returns: r, baseline: b, ...rest }];
      }),
    ) as RunningEvidence["horizons"],
  }));
}

const batch = (bars: Bar[]) => ({ bars, detections: scanOutcomes(bars) });

describe("evidence from stored tallies", () => {
  it("one series' tally reads as evidenceOf at its last bar, exactly", () => {
    const bars = spx.slice(0, 1800);
    const evidence = tallyEvidence(streamedTally(bars));
    expect(evidence.map((e) => e.pattern)).toEqual(evidenceOf([batch(bars)]).map((e) => e.pattern));
    expect(evidence).toEqual(running(evidenceOf([batch(bars)])));
    expect(evidence.some((e) => e.resolved > 0)).toBe(true);
  });

  it("pooled tallies read as evidenceOf over all the series", () => {
    const series = [spx.slice(0, 2000), spx.slice(2500), randomWalkBars(1500, 4)];
    const pooled = tallyEvidence(poolTallies(series.map(streamedTally)));
    const expected = running(evidenceOf(series.map(batch)));
    expect(differences(pooled, expected)).toEqual([]);
    const counts = (list: RunningEvidence[]) =>
      list.map((e) => [e.detections, e.resolved, e.succeeded, e.status, e.horizons["20"].baseline.n]);
    expect(counts(pooled)).toEqual(counts(expected));
    expect(itemAt(pooled, 0).horizons["20"].baseline.n).toBe(
      2000 - 20 + (spx.length - 2500 - 20) + 1500 - 20,
    );
  });

  it("pools nothing into the evidence of no data", () => {
    const [hs] = tallyEvidence(poolTallies([]));
    expect(hs).toMatchObject({ pattern: "HS", detections: 0, successRate: null });
  });

  it("adds tallies one at a time to what poolTallies pools at once, to the last bit", () => {
    const tallies = [spx.slice(0, 1200), spx.slice(900, 2100), randomWalkBars(1500, 7)].map(streamedTally);
    const pooled = emptyEvidenceTally();
    for (const tally of tallies) addTally(pooled, tally);
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(poolTallies(tallies)));
    expect(JSON.stringify(pooled)).not.toBe(JSON.stringify(poolTallies([...tallies].reverse())));
  });
});
