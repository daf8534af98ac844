import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomSeries } from "../../test/random-series";
import { parseBarsCsv } from "../bars/csv";
import { scanOutcomes } from "../engine/scan";
import type { Bar, Detection } from "../types";
import { scanColumnOutcomes } from "./column-scan";

/** A Bar array as columns, as a reader that never makes Bar objects would hold it. */
const columnsOf = (bars: readonly Bar[]) => ({
  closes: Float64Array.from(bars, (bar) => bar.close),
  time: (i: number) => bars[i]?.time ?? "",
  volume: (i: number) => bars[i]?.volume,
});

describe("scanColumnOutcomes", () => {
  it("finds what scanOutcomes finds, outcomes and all, on the bundled S&P 500 series", () => {
    const bars = parseBarsCsv(
      readFileSync(new URL("../../../../data/sp500-2000.csv", import.meta.url), "utf8"),
    );
    const found = scanOutcomes(bars);
    expect(found.length).toBeGreaterThan(500);
    expect(new Set(found.map((d) => d.outcome.status)).size).toBeGreaterThan(2);
    expect(scanColumnOutcomes(columnsOf(bars))).toEqual(found);
  });

  it("finds what scanOutcomes finds on random series and their every prefix's end, into a sink in order", () => {
    fc.assert(
      fc.property(randomSeries, fc.nat(), ({ bars, bandwidth }, cut) => {
        // A series cut short leaves outcomes open and returns unknown: those are compared too.
        const head = bars.slice(0, Math.max(1, bars.length - (cut % 60)));
        const given: Detection[] = [];
        scanColumnOutcomes(columnsOf(head), { bandwidth }, { push: (d: Detection) => given.push(d) });
        expect(given).toEqual(scanOutcomes(head, { bandwidth }));
      }),
      { numRuns: 100, seed: 13 },
    );
  });

  it("hands a sink the same detections when its push scans another series", () => {
    const bars = parseBarsCsv(
      readFileSync(new URL("../../../../data/sp500-2000.csv", import.meta.url), "utf8"),
    );
    const other = bars.slice(0, 600);
    const otherFound = scanOutcomes(other);
    const given: Detection[] = [];
    let inner = 0;
    scanColumnOutcomes(
      columnsOf(bars),
      {},
      {
        push: (d: Detection) => {
          // Every 100th detection, a whole scan with outcomes of its own runs before this one is kept.
          if (given.length % 100 === 0) {
            expect(scanOutcomes(other)).toEqual(otherFound);
            inner++;
          }
          given.push(d);
        },
      },
    );
    expect(inner).toBeGreaterThan(5);
    expect(given).toEqual(scanOutcomes(bars));
  });
});
