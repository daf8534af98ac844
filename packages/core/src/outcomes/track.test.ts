import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceOutcome } from "../../bench/reference-outcomes";
import { day } from "../../test/planted";
import { itemAt } from "../engine/indexed";
import type { Bar } from "../types";
import { followOutcome } from "./batch";
import { outcomeRecord } from "./record";
import { advanceOutcome, BAND, openOutcome, quietBand, succeeded } from "./track";

// A detection whose range is bars 0 .. 3 (a = 0, e = 3): ceiling 110, floor 90, height 20, so an up
// breakout aims at 130 and a down breakout at 70. `after` are the closes of bars e + 1, e + 2, ...
const E = 3;
function series(after: readonly number[]): Bar[] {
  return [100, 110, 90, 100, ...after].map((close, i) => ({ time: day(i), close }));
}
/** The stream's record after bars e + 1 .. last, stepped one bar at a time or passed all at once. */
function streamedOutcome(bars: readonly Bar[], closes: readonly number[], oneByOne: boolean) {
  const open = openOutcome("RTOP", itemAt(bars, E).time, closes, 0, E);
  if (oneByOne) for (let k = E + 1; k < bars.length; k++) advanceOutcome(open, closes, bars, k, k);
  else if (bars.length > E + 1) advanceOutcome(open, closes, bars, E + 1, bars.length - 1);
  return outcomeRecord(open);
}
/**
 * The batch's outcome after `after` as PATTERNS.md writes it, checked against the reference and the
 * stream's both ways.
 */
const outcomeAfter = (after: readonly number[], pattern: "HS" | "IHS" | "RTOP" = "RTOP") => {
  const bars = series(after);
  const closes = bars.map((bar) => bar.close);
  const outcome = outcomeRecord(followOutcome(pattern, bars, closes, 0, E));
  expect(outcome).toEqual(referenceOutcome(bars, 0, E));
  expect(streamedOutcome(bars, closes, true)).toEqual(outcome);
  expect(streamedOutcome(bars, closes, false)).toEqual(outcome);
  return outcome;
};
const repeat = (close: number, count: number) => new Array<number>(count).fill(close);

describe("an outcome's range and breakout", () => {
  it("takes the range over the start bar through the detection bar", () => {
    expect(outcomeAfter([])).toMatchObject({ ceiling: 110, floor: 90, status: "open", breakout: null });
  });

  it("does not count a close exactly at the ceiling or the floor as a breakout; expires at bar e + 35", () => {
    const outcome = outcomeAfter([...repeat(110, 17), ...repeat(90, 18)]);
    expect(outcome).toMatchObject({
      status: "expired",
      breakout: null,
      target: null,
      resolvedAt: day(E + 35),
    });
  });

  it("is still open at bar e + 34 without a breakout", () => {
    expect(outcomeAfter(repeat(100, 34))).toMatchObject({ status: "open", resolvedAt: null });
  });

  it("still takes a breakout at bar e + 35", () => {
    const outcome = outcomeAfter([...repeat(100, 34), 110.5]);
    expect(outcome).toMatchObject({
      status: "open",
      breakout: { time: day(E + 35), direction: "up" },
      target: 130,
      resolvedAt: null,
    });
  });
});

describe("an outcome's resolution, both directions", () => {
  it("up: a close exactly at the target is a hit", () => {
    const outcome = outcomeAfter([105, 111, 125, 130]);
    expect(outcome).toMatchObject({
      status: "target",
      breakout: { time: day(E + 2), direction: "up" },
      target: 130,
      resolvedAt: day(E + 4),
    });
  });

  it("down: a close exactly at the target is a hit", () => {
    const outcome = outcomeAfter([89, 75, 70]);
    expect(outcome).toMatchObject({ status: "target", breakout: { direction: "down" }, target: 70 });
    expect(outcome.resolvedAt).toBe(day(E + 3));
  });

  it("can break out and reach the target on the same bar", () => {
    expect(outcomeAfter([131])).toMatchObject({ status: "target", resolvedAt: day(E + 1), target: 130 });
    expect(outcomeAfter([69])).toMatchObject({ status: "target", resolvedAt: day(E + 1), target: 70 });
  });

  it("up: fails on a close below the floor, not at it", () => {
    expect(outcomeAfter([111, 90, 89.9])).toMatchObject({ status: "failed", resolvedAt: day(E + 3) });
  });

  it("down: fails on a close above the ceiling, not at it", () => {
    expect(outcomeAfter([89, 110, 110.1])).toMatchObject({ status: "failed", resolvedAt: day(E + 3) });
  });

  it("stalls when nothing decides through bar b + 35, decided at b + 35", () => {
    const up = outcomeAfter([111, ...repeat(120, 40)]);
    expect(up).toMatchObject({ status: "stalled", resolvedAt: day(E + 1 + 35) });
    const down = outcomeAfter([89, ...repeat(80, 40)]);
    expect(down).toMatchObject({ status: "stalled", resolvedAt: day(E + 1 + 35) });
  });

  it("lets bar b + 35 still decide", () => {
    const outcome = outcomeAfter([111, ...repeat(120, 34), 130]);
    expect(outcome).toMatchObject({ status: "target", resolvedAt: day(E + 1 + 35) });
  });

  it("stays open after a breakout while the series has not reached the deciding bar", () => {
    expect(outcomeAfter([111, 120])).toMatchObject({ status: "open", target: 130, resolvedAt: null });
  });
});

describe("forward returns", () => {
  it("knows r_h from bar e + h on", () => {
    expect(outcomeAfter([110, 90, 100, 105]).returns).toEqual({ "1": 110 / 100 - 1 });
    const returns = outcomeAfter([110, 90, 100, 105, 120]).returns;
    expect(returns).toEqual({ "1": 110 / 100 - 1, "5": 120 / 100 - 1 });
    const all = outcomeAfter(Array.from({ length: 25 }, (_, i) => 100 + i)).returns;
    expect(Object.keys(all)).toEqual(["1", "5", "10", "20"]);
    expect(all["20"]).toBe(119 / 100 - 1);
  });

  it("keeps following returns after the status is decided", () => {
    const outcome = outcomeAfter([131, ...repeat(125, 19)]);
    expect(outcome.status).toBe("target");
    expect(outcome.returns["20"]).toBe(125 / 100 - 1);
  });
});

describe("batch and stream", () => {
  it("decide alike on random paths that often close exactly at the range's edges and targets", () => {
    // Walks in whole steps from 100 against a range 90 .. 110 with targets 130 and 70: closes land
    // exactly on every boundary.
    const statuses = new Set<string>();
    const walk = fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 30, maxLength: 90 }).map((steps) => {
      let close = 100;
      return steps.map((step) => (close += step));
    });
    fc.assert(
      fc.property(walk, (after) => {
        statuses.add(outcomeAfter(after).status);
      }),
      { seed: 13, numRuns: 300 },
    );
    expect([...statuses].sort()).toEqual(["expired", "failed", "open", "stalled", "target"]);
  });
});

describe("success", () => {
  it("is a target after a breakout in the expected direction, or in any direction for codes with none", () => {
    const up = outcomeAfter([131]);
    const down = outcomeAfter([69]);
    expect([succeeded("IHS", up), succeeded("HS", up), succeeded("RTOP", up)]).toEqual([true, false, true]);
    expect([succeeded("IHS", down), succeeded("HS", down), succeeded("RTOP", down)]).toEqual([
      false,
      true,
      true,
    ]);
    expect(succeeded("HS", outcomeAfter([89, 110.1]))).toBe(false);
  });
});

describe("the quiet band the stream skips bars by", () => {
  /** Steps an outcome bar by bar; wherever the band calls a bar quiet, stepping it must change nothing but age. */
  function checkQuietBars(after: readonly number[]): number {
    const bars = series(after);
    const closes = bars.map((bar) => bar.close);
    const open = openOutcome("RTOP", itemAt(bars, E).time, closes, 0, E);
    const band: [low: number, high: number, edge: number, wake: number] = [0, 0, 0, 0];
    let quiet = 0;
    for (let k = E + 1; k < bars.length; k++) {
      quietBand(open, band, 0);
      const [low, high, edge, wake] = band;
      const close = itemAt(closes, k);
      const isQuiet = open.age + 1 < wake && close >= low && close <= high && close !== edge;
      const before = JSON.stringify({ ...open, age: open.age + 1 });
      const changed = advanceOutcome(open, closes, bars, k, k);
      if (isQuiet) {
        quiet++;
        expect(changed).toBe(0);
        expect(JSON.stringify(open)).toBe(before);
      }
    }
    return quiet;
  }

  it("holds the range while awaiting (its edges included), then the far side to the target (the target excluded)", () => {
    const band: number[] = new Array(BAND);
    const closes = [100, 110, 90, 100];
    const open = openOutcome("RTOP", day(E), closes, 0, E);
    quietBand(open, band, 0);
    expect(band).toEqual([90, 110, Number.NaN, 1]);
    advanceOutcome(open, [...closes, 105], series([105]), E + 1, E + 1);
    quietBand(open, band, 0);
    expect(band).toEqual([90, 110, Number.NaN, 5]);
    advanceOutcome(open, [...closes, 105, 111], series([105, 111]), E + 2, E + 2);
    quietBand(open, band, 0);
    // Broke out up at age 2: a close at the target (130) decides, and age 2 + 35 at the latest.
    expect(band).toEqual([90, 130, 130, 5]);
    expect(checkQuietBars([105, 111, 125, 130])).toBeGreaterThan(0);
  });

  it("only ages the outcome on the bars it calls quiet, on random paths", () => {
    let quiet = 0;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 60, max: 140 }), { minLength: 1, maxLength: 90 }), (after) => {
        quiet += checkQuietBars(after);
      }),
      { seed: 9, numRuns: 300 },
    );
    expect(quiet).toBeGreaterThan(1000);
  });
});
