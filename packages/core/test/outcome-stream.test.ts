import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomWalkBars } from "../bench/series";
import {
  type Bar,
  type DetectorState,
  detectionRecord,
  type Evidence,
  evidenceOf,
  type OutcomeEvent,
  parseBarsCsv,
  StreamingDetector,
  scanOutcomes,
  type TrackedDetection,
} from "../src/index";
import { randomSeries } from "./random-series";

/** Streams `bars` (cutting and resuming from the JSON state at `cut`), collecting detections and events. */
function stream(bars: readonly Bar[], bandwidth: number, cut = bars.length) {
  let detector = new StreamingDetector({ bandwidth, outcomes: true });
  const detections: TrackedDetection[] = [];
  const events: OutcomeEvent[] = [];
  bars.forEach((bar, i) => {
    if (i === cut) {
      const saved = JSON.parse(JSON.stringify(detector.state())) as DetectorState;
      detector = new StreamingDetector({ bandwidth }, saved);
    }
    const update = detector.advance(bar);
    for (const event of update.events) expect(event.time).toBe(bar.time);
    detections.push(...update.detections);
    events.push(...update.events);
  });
  return { detections, events, state: detector.state() };
}

/** Each detection's outcome after every event, which carries the whole outcome after it. */
function finalOutcomes(detections: readonly TrackedDetection[], events: readonly OutcomeEvent[]) {
  const byKey = new Map(detections.map((d) => [`${d.detectedAt} ${d.pattern}`, d.outcome]));
  for (const event of events) byKey.set(`${event.detectedAt} ${event.pattern}`, event.outcome);
  return detections.map(({ evidence: _, ...d }) => ({
    ...d,
    outcome: byKey.get(`${d.detectedAt} ${d.pattern}`),
  }));
}

/** Batch evidence without what a stream cannot carry (median, KS). */
function running(evidence: Evidence) {
  const horizons = Object.fromEntries(
    Object.entries(evidence.horizons).map(([h, { returns, baseline, ks: _, ...rest }]) => {
      const { median: _m, ...r } = returns;
      const { median: _b, ...b } = baseline;
      return [h, { returns: r, baseline: b, ...rest }];
    }),
  );
  return { ...evidence, horizons };
}

/** Outcomes equal batch's; each `every`-th detection's evidence equals batch evidence as of its bar. */
function checkAgainstBatch(bars: Bar[], bandwidth: number, cut: number, every = 1) {
  const batch = scanOutcomes(bars, { bandwidth });
  const { detections, events } = stream(bars, bandwidth, cut);
  expect(finalOutcomes(detections, events)).toEqual(batch.map(detectionRecord));
  for (const d of detections.filter((_, i) => i % every === 0)) {
    const asOf = evidenceOf([{ bars, detections: batch }], d.detectedAt).find((e) => e.pattern === d.pattern);
    expect(d.evidence).toEqual(running(asOf as Evidence));
  }
}

describe("outcomes and evidence: batch = streaming = resumed streaming", () => {
  it("on random series and bandwidths, cut and resumed anywhere", () => {
    fc.assert(
      fc.property(randomSeries, fc.nat(), ({ bars, bandwidth }, cut) => {
        checkAgainstBatch(bars, bandwidth, cut % (bars.length + 1));
      }),
      { numRuns: 60 },
    );
  });

  it("over a long series, across buffer compaction", () => {
    const bars = randomWalkBars(6_000, 5);
    checkAgainstBatch(bars, 1, 4_321, 37);
  });

  it("on the bundled S&P 500 series", () => {
    const bars = parseBarsCsv(readFileSync(new URL("../../../data/sp500-2000.csv", import.meta.url), "utf8"));
    checkAgainstBatch(bars, 1, 2_500, 7);
  });
});

describe("the streaming state", () => {
  it("keeps only outcomes that can still change, none older than 70 bars, as plain JSON", () => {
    const bars = randomWalkBars(3_000, 9);
    const detector = new StreamingDetector({ outcomes: true });
    let mostOpen = 0;
    for (const bar of bars) {
      detector.advance(bar);
      const state = detector.state();
      const open = state.outcomes?.open ?? [];
      mostOpen = Math.max(mostOpen, open.length);
      for (const o of open) expect(o.age).toBeLessThanOrEqual(70);
      for (const o of open) expect(o.status === "open" || o.age < 20).toBe(true);
    }
    const state = detector.state();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state.bars).toHaveLength(38);
    expect(mostOpen).toBeGreaterThan(0);
    expect(JSON.stringify(state).length).toBeLessThan(64 * 1024);
  });

  it("emits breakout, resolved and every return on the bar that causes them", () => {
    const bars = randomWalkBars(2_000, 3);
    const { detections, events } = stream(bars, 1);
    const index = new Map(bars.map((bar, i) => [bar.time, i]));
    for (const event of events) {
      const age = (index.get(event.time) as number) - (index.get(event.detectedAt) as number);
      if (event.type === "return") expect(age).toBe(event.horizon);
      if (event.type === "breakout") expect(event.outcome.breakout?.time).toBe(event.time);
      if (event.type === "resolved") expect(event.outcome.resolvedAt).toBe(event.time);
      expect(age).toBeGreaterThan(0);
      expect(age).toBeLessThanOrEqual(70);
    }
    const kinds = new Set(events.map((e) => (e.type === "resolved" ? e.status : e.type)));
    expect([...kinds].sort()).toEqual(["breakout", "expired", "failed", "return", "stalled", "target"]);
    // Every detection old enough has all four returns: one return event per horizon.
    const returns = events.filter((e) => e.type === "return").length;
    const oldEnough = detections.filter((d) => (index.get(d.detectedAt) as number) + 20 < bars.length).length;
    expect(returns).toBeGreaterThanOrEqual(4 * oldEnough);
  });

  it("refuses a state of another version, and advance without outcomes", () => {
    expect(() => new StreamingDetector({}, { version: 2, bars: [] } as unknown as DetectorState)).toThrow(
      "detector state version 2 is not 1",
    );
    expect(() => new StreamingDetector().advance({ time: "2020-01-01", close: 1 })).toThrow(/outcomes: true/);
  });
});
