// The extremum records of one batch scan, by bar and kind. Consecutive windows report the same extrema, so
// a record is made once per bar and kind and shared by the detections that name it (detections are read,
// never changed, downstream). Within one scan a bar's index and kind fix its record (the bar's time, the
// bar's close), so a record is found by its index alone: comparing time strings, as a lookup shared by
// series must, read each string's header, a cache miss per lookup (perf: 57% of that lookup's samples).

import type { Extremum } from "../types";

/**
 * Slots, a power of two: two per bar (a maximum and a minimum) for the last SLOTS / 2 bars, more than a
 * window spans, so a record stays findable while any window can still name it.
 */
const SLOTS = 128;

/** One series' extremum records for the length of one scan; make one per scan. */
export class ExtremumRecords {
  /** The bar index each slot's record is for (-1: none yet). Doubles: any array index fits. */
  private readonly indices = new Float64Array(SLOTS).fill(-1);
  private readonly records: (Extremum | undefined)[] = new Array(SLOTS).fill(undefined);

  /** `times[i]` is the time of bar `i` of the scanned series. */
  constructor(private readonly times: readonly string[]) {}

  /**
   * The record of the extremum at bar `index`, whose close is `price`, a maximum when `isMax`: the one
   * made earlier in this scan for that bar and kind, else a new one.
   *
   * @example
   * new ExtremumRecords(["2020-01-02"]).at(0, 10, true) // { time: "2020-01-02", price: 10, kind: "max" }
   */
  at(index: number, price: number, isMax: boolean): Extremum {
    // The slot's lowest bit is the kind, so a slot's index alone says whether its record is the one wanted.
    const slot = ((index << 1) | (isMax ? 1 : 0)) & (SLOTS - 1);
    // biome-ignore lint/style/noNonNullAssertion: slot is in 0 .. SLOTS-1, and a slot with an index has a record.
    if (this.indices[slot] === index) return this.records[slot]!;
    // biome-ignore lint/style/noNonNullAssertion: the scan names bars of its own series only.
    const record: Extremum = { time: this.times[index]!, price, kind: isMax ? "max" : "min" };
    this.indices[slot] = index;
    this.records[slot] = record;
    return record;
  }
}
