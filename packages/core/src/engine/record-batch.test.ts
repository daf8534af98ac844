// Records built in batches are the records built window by window, in the same order, over many batches.
import { describe, expect, it } from "vitest";
import { randomWalkBars } from "../../bench/series";
import { followingOutcomes } from "../outcomes/followed";
import type { Detection } from "../types";
import { BarReader } from "./bar-reader";
import { appendDetections } from "./detections";
import { withRecordBatch } from "./record-batch";
import { scanBars, scanCloses, scanOutcomes } from "./scan";

// About 3,900 windows with codes: the log fills and is built several times before the end.
const bars = randomWalkBars(30_000, 7);
const closes = Float64Array.from(bars, (bar) => bar.close);
const reader = new BarReader(bars);

/** The records as the engine finds their windows, one window at a time. */
function windowByWindow(withOutcomes: boolean): Detection[] {
  const into: Detection[] = [];
  if (!withOutcomes) scanCloses(closes, {}, (e, codes, w) => appendDetections(codes, w, reader, e, into));
  else
    followingOutcomes(bars, closes, (outcomes) =>
      scanCloses(closes, {}, (e, codes, w) =>
        appendDetections(codes, w, reader, e, into, outcomes.outcomeOf),
      ),
    );
  return into;
}

describe("record batches", () => {
  it("give scanBars the records of a window-by-window build, in order", () => {
    const expected = windowByWindow(false);
    expect(expected.length).toBeGreaterThan(3000);
    expect(scanBars(bars)).toEqual(expected);
  });

  it("give scanOutcomes the records and outcomes of a window-by-window build, in order", () => {
    expect(scanOutcomes(bars)).toEqual(windowByWindow(true));
  });

  it("serve a scan started inside another with a batch of its own", () => {
    const outer: Detection[] = [];
    const inner: Detection[] = [];
    const reader = new BarReader(bars);
    withRecordBatch(reader, outer, undefined, (batch) =>
      scanCloses(closes, {}, (e, codes, w) => {
        if (inner.length === 0)
          withRecordBatch(reader, inner, undefined, (own) =>
            scanCloses(closes, {}, (e2, codes2, w2) => own.add(e2, codes2, w2)),
          );
        batch.add(e, codes, w);
      }),
    );
    const expected = windowByWindow(false);
    expect(outer).toEqual(expected);
    expect(inner).toEqual(expected);
  });
});
