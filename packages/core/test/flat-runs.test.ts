// Runs of equal closes (a halted or thinly traded stock, a gap filled forward) smooth to values that
// differ only by rounding: the extremum rule reads them as equal (SMOOTHED_TIE), so no turning point, and
// no detection, comes from inside such a run.
import { describe, expect, it } from "vitest";
import { seededRandom } from "../bench/series";
import { extremumKind, MAXIMUM, NOT_EXTREMUM } from "../src/engine/extremum";
import { type Bar, scanBars } from "../src/index";
import { day } from "./planted";

const RUN = 60;

/** Runs of RUN equal closes between random walks of RUN bars (steps up to 2%, closes in cents). */
function flatAndWalking(seed: number, runs: number): Bar[] {
  const random = seededRandom(seed);
  let close = 10;
  return Array.from({ length: 2 * runs * RUN }, (_, i) => {
    if (Math.floor(i / RUN) % 2 === 1) close *= 1 + (random() - 0.5) * 0.04;
    return { time: day(i), close: Math.round(close * 100) / 100 };
  });
}

/** Whether bar `i` lies more than 10 bars inside a flat run: kernel tails (h = 1) there are below 1e-21. */
const deepInFlatRun = (i: number) => Math.floor(i / RUN) % 2 === 0 && i % RUN > 10 && i % RUN < RUN - 10;

describe("runs of equal closes", () => {
  it("smoothed values a rounding apart are equal, exact rises still count", () => {
    expect(extremumKind(10, 10.000000000000002, 10)).toBe(NOT_EXTREMUM);
    expect(extremumKind(100, 100 + 8 * 1.4e-14, 100)).toBe(NOT_EXTREMUM);
    // 41 and 6,500 units in the last place: differences the sums resolve (a stall after a breakout, a
    // plateau's middle), which every literal reading counts.
    expect(extremumKind(100, 100 + 41 * 1.4e-14, 100)).toBe(MAXIMUM);
    expect(extremumKind(100.0000000000913, 100, 100.0000000000913)).not.toBe(NOT_EXTREMUM);
    expect(extremumKind(10, 10.000001, 10)).toBe(MAXIMUM);
  });

  it("read a plateau's middle as a literal reading does: no double bottom from a turning point moved by a tie", () => {
    // 15 bars at 100 between 110s: the smoothed minimum is at bar 12, a literal reading's, 9.1e-11 below
    // bar 11's. With 1e-12 as the tie it was read at bar 11, 23 bars before the bottom at 34, which made
    // a DBOT (span over 22) that a literal reading, with its 22-bar span, does not.
    const closes = [
      ...Array(5).fill(110),
      ...Array(15).fill(100),
      110,
      112,
      111,
      110,
      109,
      108,
      107,
      106,
      105,
      104,
      103,
      102,
      101,
      100.5,
      99.5,
      101,
      103,
      105,
    ];
    expect(closes).toHaveLength(38);
    expect(scanBars(closes.map((close, i) => ({ time: day(i), close })))).toEqual([]);
  });

  it("give no turning point inside them, over series of many runs", () => {
    let detections = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const bars = flatAndWalking(seed, 4);
      const index = new Map(bars.map((bar, i) => [bar.time, i]));
      const found = scanBars(bars);
      detections += found.length;
      const inside = found.filter((d) => d.extrema.some((e) => deepInFlatRun(index.get(e.time) ?? -1)));
      expect(inside).toEqual([]);
    }
    // The walks between the runs still hold patterns.
    expect(detections).toBeGreaterThan(200);
  });
});
