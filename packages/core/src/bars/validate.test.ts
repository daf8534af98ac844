// withValidatedCloses reuses its closes and times buffers from call to call: each call must still see
// exactly its own series' closes and times (never a longer series' leftovers), a call made inside another
// gets its own, and a bad bar is reported as validatedCloses reports it. The running volume sums come only
// when they are exact (the scan then reads volumes from them).
import { describe, expect, it } from "vitest";
import { barsErrorOf } from "../../test/bars-error";
import type { Bar } from "../types";
import { validatedCloses, withValidatedCloses } from "./validate";

const series = (closes: number[]): Bar[] => closes.map((close, i) => ({ time: String(1000 + i), close }));

describe("withValidatedCloses", () => {
  it("hands over the series' own closes, after a longer series used the buffer", () => {
    const long = series([5, 6, 7, 8, 9]);
    const short = series([1, 2]);
    expect(withValidatedCloses(long, (closes) => [...closes])).toEqual([5, 6, 7, 8, 9]);
    expect(withValidatedCloses(short, (closes) => [...closes])).toEqual([1, 2]);
    expect(withValidatedCloses(short, (closes) => closes.length)).toBe(2);
  });

  it("hands over each bar's time at its index, the same way after a longer series", () => {
    const long = series([5, 6, 7, 8, 9]);
    const short = series([1, 2]);
    const timesOf = (bars: Bar[]) =>
      withValidatedCloses(bars, (closes, times) => Array.from(closes, (_, i) => times[i]));
    expect(timesOf(long)).toEqual(long.map((bar) => bar.time));
    expect(timesOf(short)).toEqual(short.map((bar) => bar.time));
  });

  it("gives a call inside another closes of its own", () => {
    const outer = series([1, 2, 3]);
    const inner = series([7, 8]);
    const seen = withValidatedCloses(outer, (closes, times) => {
      const innerSeen = withValidatedCloses(inner, (c, t) => [[...c], t.slice(0, 2)]);
      return { outer: [[...closes], times.slice(0, 3)], inner: innerSeen };
    });
    expect(seen).toEqual({
      outer: [
        [1, 2, 3],
        ["1000", "1001", "1002"],
      ],
      inner: [
        [7, 8],
        ["1000", "1001"],
      ],
    });
  });

  it("reports a bad bar as validatedCloses does, and the next call works", () => {
    const bad = [...series([1, 2]), { time: "999", close: 3 }];
    const message = barsErrorOf(() => validatedCloses(bad)).message;
    expect(barsErrorOf(() => withValidatedCloses(bad, () => 0)).message).toBe(message);
    expect(barsErrorOf(() => withValidatedCloses([], () => 0)).message).toBe(
      barsErrorOf(() => validatedCloses([])).message,
    );
    expect(withValidatedCloses(series([4]), (closes) => [...closes])).toEqual([4]);
  });

  it("hands over running volume sums only when every volume is an integer and the total a safe integer", () => {
    const sumsOf = (volumes: (number | undefined)[]) =>
      withValidatedCloses(
        volumes.map((volume, i) => ({
          time: String(1000 + i),
          close: 1,
          ...(volume === undefined ? {} : { volume }),
        })),
        (closes, _times, sums) => sums && [...sums.subarray(0, closes.length + 1)],
      );
    expect(sumsOf([3, 0, 4])).toEqual([0, 3, 3, 7]);
    expect(sumsOf([3, 0.5, 4])).toBeUndefined();
    expect(sumsOf([3, undefined, 4])).toBeUndefined();
    expect(sumsOf([2 ** 52, 2 ** 52])).toBeUndefined();
    expect(sumsOf([2 ** 52, 2 ** 52 - 1])).toEqual([0, 2 ** 52, 2 ** 53 - 1]);
    // A longer series used the buffer before: the sums are this series' own.
    expect(sumsOf([1, 1])).toEqual([0, 1, 2]);
  });
});
