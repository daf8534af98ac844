// The baseline's returns read back in time order: series of one calendar share its table, series of other
// times are merged by time, and each distinct time comes once with the returns of every series then.
import { describe, expect, it } from "vitest";
import { BLOCK_TIMES, MOST_IN_16_BITS, TimeCalendars } from "./time-calendars";

/** Every time inTimeOrder hands on, with its sums, as plain lists. */
function read(calendars: TimeCalendars): { times: number[]; sums: number[][] } {
  const times: number[] = [];
  const sums: number[][] = [];
  calendars.inTimeOrder((block, blockSums, length) => {
    for (let b = 0; b < length; b++) {
      times.push(block[b] as number);
      sums.push(Array.from(blockSums.subarray(3 * b, 3 * b + 3)));
    }
  });
  return { times, sums };
}

/** Adds a series of these times with one return at each, counted up (1), down (-1) or at 0 (0). */
function addSeries(calendars: TimeCalendars, times: number[], signs: number[]): void {
  const { calendar, first } = calendars.of(Float64Array.from(times));
  signs.forEach((sign, k) => {
    const at = 3 * (first + k);
    calendar.returns[at] = (calendar.returns[at] as number) + 1;
    if (sign !== 0)
      calendar.returns[at + (sign > 0 ? 1 : 2)] = (calendar.returns[at + (sign > 0 ? 1 : 2)] as number) + 1;
  });
}

describe("TimeCalendars", () => {
  it("gives each distinct time once, in order, with the returns of every series that starts one then", () => {
    const calendars = new TimeCalendars(1);
    addSeries(calendars, [10, 20, 30, 40], [1, -1, 0, 1]);
    // A run of the last calendar's times: added to it.
    addSeries(calendars, [20, 30], [1, 1]);
    // Partly other times, and times before and after all others.
    addSeries(calendars, [5, 20, 25, 40, 50], [-1, -1, 1, 0, 1]);
    addSeries(calendars, [25], [-1]);
    expect(read(calendars)).toEqual({
      times: [5, 10, 20, 25, 30, 40, 50],
      sums: [
        [1, 0, 1],
        [1, 1, 0],
        [3, 1, 2],
        [2, 1, 1],
        [2, 1, 0],
        [2, 1, 0],
        [1, 1, 0],
      ],
    });
  });

  it("hands on times in blocks, a time's returns whole in one", () => {
    const calendars = new TimeCalendars(1);
    const count = 2 * BLOCK_TIMES + 3;
    // Two series a half step apart, and a third on the first's times: 2 * count distinct times.
    const first = Array.from({ length: count }, (_, k) => 2 * k);
    addSeries(
      calendars,
      first,
      first.map(() => 1),
    );
    addSeries(
      calendars,
      first.map((t) => t + 1),
      first.map(() => -1),
    );
    addSeries(
      calendars,
      first,
      first.map(() => 0),
    );
    const lengths: number[] = [];
    calendars.inTimeOrder((_times, _sums, length) => lengths.push(length));
    expect(lengths).toEqual([BLOCK_TIMES, BLOCK_TIMES, BLOCK_TIMES, BLOCK_TIMES, 6]);
    const { times, sums } = read(calendars);
    expect(times).toEqual(Array.from({ length: 2 * count }, (_, t) => t));
    expect(sums.every((at, t) => (t % 2 === 0 ? at.join() === "2,1,0" : at.join() === "1,0,1"))).toBe(true);
  });

  it("counts past 65,535 series on one calendar", () => {
    const calendars = new TimeCalendars(1);
    for (let s = 0; s <= MOST_IN_16_BITS; s++) addSeries(calendars, [7, 8], [1, s % 2 === 0 ? -1 : 0]);
    expect(read(calendars)).toEqual({
      times: [7, 8],
      sums: [
        [MOST_IN_16_BITS + 1, MOST_IN_16_BITS + 1, 0],
        [MOST_IN_16_BITS + 1, 0, (MOST_IN_16_BITS + 1) / 2],
      ],
    });
  });

  it("refuses a series whose times do not increase", () => {
    const calendars = new TimeCalendars(1);
    expect(() => calendars.of(Float64Array.from([1, 3, 3]))).toThrow(
      "a series' times must increase: bar 2 at 3",
    );
    expect(() => calendars.of(Float64Array.from([Number.NaN]))).toThrow(RangeError);
  });
});
