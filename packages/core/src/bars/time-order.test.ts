// A series' times must ascend as the instants they name, whatever their style: epoch seconds that switch to
// milliseconds (or back), or ISO beside epoch numbers, are in order only when their instants ascend. Before,
// epoch numbers were compared as written, so 1.58e9 seconds "preceded" 1.56e12 milliseconds 200 days earlier.
import { describe, expect, it } from "vitest";
import { barsErrorOf } from "../../test/bars-error";
import { type TimeStyle, twoStyles, written } from "../../test/time-styles";
import { scanBars, scanOutcomes } from "../engine/scan";
import { StreamingDetector } from "../engine/streaming";
import type { Bar } from "../types";
import { parseBarsCsv } from "./csv";
import { instantValue, timeValue } from "./time";
import { validateBars } from "./validate";

/** What a detection says, its times as instants (the same series written in other styles says the same). */
const asInstants = (bars: Bar[]) =>
  scanBars(bars).map((d) => ({
    pattern: d.pattern,
    confidence: d.confidence,
    detectedAt: instantValue(d.detectedAt),
    extrema: d.extrema.map((x) => [instantValue(x.time), x.price, x.kind]),
  }));

const pairs: [TimeStyle, TimeStyle][] = [
  ["s", "ms"],
  ["ms", "s"],
  ["iso", "s"],
  ["s", "iso"],
  ["iso", "ms"],
  ["ms", "iso"],
];

describe("a series whose time style changes", () => {
  it.each(pairs)("is refused when the %s times go back in time as %s (row named)", (first, second) => {
    const bars = twoStyles(first, second, -200);
    const expected = `row 151: time "${bars[150]?.time}" is not after the previous bar's "${bars[149]?.time}"`;
    expect(barsErrorOf(() => scanBars(bars)).message).toBe(expected);
    expect(barsErrorOf(() => scanOutcomes(bars)).message).toBe(expected);
    expect(barsErrorOf(() => validateBars(bars)).message).toBe(expected);
    const detector = new StreamingDetector();
    expect(barsErrorOf(() => bars.map((bar) => detector.push(bar))).message).toBe(expected);
  });

  it.each(pairs)("is read as one series when the %s times go on as %s later", (first, second) => {
    const bars = twoStyles(first, second, 1);
    const oneStyle = bars.map((bar, i) => ({ ...bar, time: written(i, "s") }));
    const found = asInstants(bars);
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(asInstants(oneStyle));
    const detector = new StreamingDetector();
    expect(bars.flatMap((bar) => detector.push(bar)).length).toBe(found.length);
  });

  it("refuses the lead's file (seconds, then milliseconds 200 days earlier) at its first millisecond row", () => {
    const lines = twoStyles("s", "ms", -200).map((bar) => `${bar.time},${bar.close}`);
    const text = `time,close\n${lines.join("\n")}\n`;
    expect(barsErrorOf(() => parseBarsCsv(text)).message).toBe(
      `row 152: time "${written(-200, "ms")}" is not after the previous bar's "${written(149, "s")}"`,
    );
  });

  it("orders each style's times by their instants", () => {
    expect(timeValue("1577836800")).toBe(timeValue("1577836800000"));
    expect(timeValue("1577836800")).toBe(timeValue("2020-01-01"));
    expect(timeValue("1577836800.5")).toBe(timeValue("1577836800500"));
    expect(timeValue("1577836800")).toBeGreaterThan(timeValue("1573516800000"));
    expect(timeValue("86400")).toBe(timeValue("1970-01-02"));
  });
});
