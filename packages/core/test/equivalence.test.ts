import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceScan } from "../bench/reference";
import { randomWalkBars } from "../bench/series";
import { itemAt } from "../src/engine/indexed";
import {
  type Bar,
  type Detection,
  PATTERN_CODES,
  PATTERN_FAMILIES,
  parseBarsCsv,
  StreamingDetector,
  scanBars,
} from "../src/index";
import { centSeries, randomSeries as series } from "./random-series";

const stream = (bars: Bar[], options = {}) => {
  const detector = new StreamingDetector(options);
  return bars.flatMap((bar) => detector.push(bar));
};
const withoutConfidence = (detections: Detection[]) => detections.map(({ confidence: _, ...rest }) => rest);

describe("batch, streaming and the reference agree", () => {
  it("streaming equals batch on random series and bandwidths", () => {
    fc.assert(
      fc.property(series, ({ bars, bandwidth }) => {
        expect(stream(bars, { bandwidth })).toEqual(scanBars(bars, { bandwidth }));
      }),
      { numRuns: 150 },
    );
  });

  it("a detector restored from its saved window continues exactly", () => {
    fc.assert(
      fc.property(series, fc.nat(), ({ bars, bandwidth }, cut) => {
        const split = 1 + (cut % (bars.length - 1));
        const first = new StreamingDetector({ bandwidth });
        const before = bars.slice(0, split).flatMap((bar) => first.push(bar));
        const resumed = new StreamingDetector({ bandwidth }, first.window());
        const after = bars.slice(split).flatMap((bar) => resumed.push(bar));
        expect([...before, ...after]).toEqual(scanBars(bars, { bandwidth }));
      }),
      { numRuns: 100 },
    );
  });

  it("batch equals the straightforward O(W^2) reference on random series", () => {
    fc.assert(
      fc.property(series, ({ bars, bandwidth }) => {
        expect(withoutConfidence(scanBars(bars, { bandwidth }))).toEqual(referenceScan(bars, bandwidth));
      }),
      { numRuns: 100 },
    );
  });

  it("batch, streaming and the reference agree on closes in whole cents, neighbouring closes often equal", () => {
    let ties = 0;
    fc.assert(
      fc.property(centSeries, ({ bars, bandwidth }) => {
        for (let i = 1; i < bars.length; i++) if (itemAt(bars, i).close === itemAt(bars, i - 1).close) ties++;
        const batch = scanBars(bars, { bandwidth });
        expect(withoutConfidence(batch)).toEqual(referenceScan(bars, bandwidth));
        expect(stream(bars, { bandwidth })).toEqual(batch);
      }),
      { numRuns: 150, seed: 21 },
    );
    // The ties the test is about happened: about half the steps are 0 (4,698 equal neighbours here).
    expect(ties).toBeGreaterThan(2_000);
  });

  it("streaming survives buffer compaction over a long series", () => {
    const bars = randomWalkBars(10_000, 7);
    const batch = scanBars(bars);
    expect(batch.length).toBeGreaterThan(100);
    expect(stream(bars)).toEqual(batch);
  });

  it("shares extremum records within a series, never across two series scanned side by side", () => {
    const bars = randomWalkBars(2_000, 5);
    // The same closes an hour later: a record keyed by bar index alone would carry the first series' times.
    const later = bars.map((bar) => ({ ...bar, time: String(Number(bar.time) + 3_600) }));
    const [first, second] = [new StreamingDetector(), new StreamingDetector()];
    const found: [Detection[], Detection[]] = [[], []];
    for (let i = 0; i < bars.length; i++) {
      itemAt(found, 0).push(...first.push(itemAt(bars, i)));
      itemAt(found, 1).push(...second.push(itemAt(later, i)));
    }
    const times = new Set(later.map((bar) => bar.time));
    expect(found[1].every((d) => d.extrema.every((extremum) => times.has(extremum.time)))).toBe(true);
    expect(found).toEqual([scanBars(bars), scanBars(later)]);
    const batch = scanBars(bars);
    const records = batch.flatMap((d) => d.extrema);
    expect(new Set(records).size).toBeLessThan(records.length);
  });

  it("family filters split the full scan exactly", () => {
    const bars = randomWalkBars(3_000, 11);
    const families = Object.values(PATTERN_FAMILIES).flatMap((patterns) => scanBars(bars, { patterns }));
    const key = (d: Detection) => `${d.detectedAt} ${d.pattern}`;
    expect(families.map(key).sort()).toEqual(scanBars(bars).map(key).sort());
  });
});

describe("the bundled S&P 500 daily closes, 2000–2020", () => {
  const bars = parseBarsCsv(readFileSync(new URL("../../../data/sp500-2000.csv", import.meta.url), "utf8"));
  const detections = scanBars(bars);

  it("agree with the reference and the streaming detector", () => {
    expect(bars).toHaveLength(5105);
    expect(withoutConfidence(detections)).toEqual(referenceScan(bars));
    expect(stream(bars)).toEqual(detections);
  });

  it("hold every code, ordered by detectedAt then code", () => {
    expect(new Set(detections.map((d) => d.pattern)).size).toBe(12);
    const order: readonly string[] = PATTERN_CODES;
    for (let i = 1; i < detections.length; i++) {
      const [a, b] = [itemAt(detections, i - 1), itemAt(detections, i)];
      if (a.detectedAt === b.detectedAt)
        expect(order.indexOf(a.pattern)).toBeLessThan(order.indexOf(b.pattern));
      else expect(a.detectedAt < b.detectedAt).toBe(true);
    }
  });
});

describe("options", () => {
  it("rejects a bandwidth that is not positive and unknown codes", () => {
    const bars = randomWalkBars(50);
    expect(() => scanBars(bars, { bandwidth: 0 })).toThrow(/bandwidth must be a positive number/);
    expect(() => scanBars(bars, { patterns: ["XYZ" as never] })).toThrow(/unknown pattern code "XYZ"/);
  });

  it("rejects a streamed bar out of time order, naming it", () => {
    const detector = new StreamingDetector();
    detector.push({ time: "2020-01-02", close: 1 });
    expect(() => detector.push({ time: "2020-01-01", close: 1 })).toThrow(
      'row 2: time "2020-01-01" is not after the previous bar\'s "2020-01-02"',
    );
  });
});
