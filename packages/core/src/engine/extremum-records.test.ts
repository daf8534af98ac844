// A record per bar and kind within one scan: found again by index, a new one when another bar took the slot.
import { describe, expect, it } from "vitest";
import type { Detection } from "../types";
import { BarReader } from "./bar-reader";
import { appendDetections } from "./detections";
import { ExtremumRecords } from "./extremum-records";
import type { WindowExtrema } from "./window";

const times = Array.from({ length: 300 }, (_, i) => String(1_000_000_000 + i * 60));

describe("ExtremumRecords", () => {
  it("makes a record with the bar's time, the given price and the kind", () => {
    const records = new ExtremumRecords(times);
    expect(records.at(5, 101.5, true)).toEqual({ time: "1000000300", price: 101.5, kind: "max" });
    expect(records.at(6, 99.25, false)).toEqual({ time: "1000000360", price: 99.25, kind: "min" });
  });

  it("shares one record per bar and kind", () => {
    const records = new ExtremumRecords(times);
    const first = records.at(10, 50, true);
    expect(records.at(12, 51, false)).not.toBe(first);
    expect(records.at(10, 50, true)).toBe(first);
  });

  it("keeps a bar's maximum and minimum apart", () => {
    const records = new ExtremumRecords(times);
    const max = records.at(20, 70, true);
    const min = records.at(20, 70, false);
    expect(min).not.toBe(max);
    expect(min.kind).toBe("min");
    expect(records.at(20, 70, true)).toBe(max);
  });

  it("gives a later bar that lands in the same slot its own record", () => {
    const records = new ExtremumRecords(times);
    const early = records.at(3, 40, true);
    const later = records.at(3 + 64, 41, true);
    expect(later).toEqual({ time: times[67], price: 41, kind: "max" });
    expect(records.at(3, 40, true)).not.toBe(early);
    expect(records.at(3, 40, true)).toEqual(early);
  });

  it("gives a batch reader's window of five codes one array of E1..E5, the records at() gives", () => {
    const w: WindowExtrema = {
      count: 7,
      positions: Int32Array.of(1, 5, 9, 14, 20, 26, 31),
      bars: Int32Array.of(101, 105, 109, 114, 120, 126, 131),
      prices: Float64Array.of(10, 9, 11, 8.5, 12, 8, 12.5),
      isMax: Uint8Array.of(1, 0, 1, 0, 1, 0, 1),
    };
    const bars = times.map((time) => ({ time, close: 10 }));
    const reader = new BarReader(bars, times);
    const records = reader.records as ExtremumRecords;
    const known = records.at(109, 11, true);
    const found: Detection[] = [];
    appendDetections(["HS", "TTOP"], w, reader, 140, found);
    const [first, second] = found.map((detection) => detection.extrema);
    expect(second).toBe(first);
    expect(first?.[0]).toBe(known);
    const atRecords = [2, 3, 4, 5, 6].map((i) =>
      records.at(w.bars[i] as number, w.prices[i] as number, w.isMax[i] === 1),
    );
    expect(first?.every((record, k) => record === atRecords[k])).toBe(true);
    expect(first?.map((record) => record.time)).toEqual([109, 114, 120, 126, 131].map((bar) => times[bar]));
  });
});
