// What a detection record reads of its series' bars, by index (IndexedBars): a Bar array's, through a
// BarReader, or columns' (scanColumns). Reading by index lets a series held as columns go without Bar objects.
// biome-ignore-all lint/style/noNonNullAssertion: bar indices cover the window; the sums are one longer than the bars.

import type { Bar } from "../types";
import { ExtremumRecords } from "./extremum-records";
import { keepShape } from "./kept-shapes";
import { WINDOW } from "./spec";

/** What a detection record reads of its series' bars, by index: a Bar array's, or columns' (scanColumns). */
export interface IndexedBars {
  /** The time of bar `i`, as given. */
  time(i: number): string;
  /** The volume of bar `i`, or undefined when it has none. */
  volume(i: number): number | undefined;
  /**
   * Optional, for a reader that knows it faster: what windowMeanVolume gives for the window ending at bar
   * `e`, to the bit.
   */
  meanVolume?(e: number): number | undefined;
  /**
   * Optional, for a reader made for one scan: the scan's extremum records, shared by its detections
   * (without them, records are shared through the recent-bar slots: sharedExtremum).
   */
  readonly records?: ExtremumRecords;
}

/**
 * A Bar array read as IndexedBars: a batch scan's checked series with what its check made (the times, the
 * volumes' running sums when exact: withValidatedCloses) and the scan's extremum records, or the streaming
 * detector's buffer as it is. A detection or an outcome names bars the scan has not touched since, whose
 * objects are likely out of cache: the check's columns spare reading them again. One class for both
 * readers, so appendDetections' calls on it stay monomorphic: with a class for each, the streaming
 * detector's runs left them polymorphic, and a later scanBars ran 0.1-0.2x of the engine slower (side by
 * side, main-thread CPU: 1.96-2.13x after streaming runs, 1.88-1.93x without).
 */
export class BarReader implements IndexedBars {
  readonly records: ExtremumRecords | undefined;
  /** `times` and `volumeSums` (undefined unless exact) from the check of `bars`, or neither. */
  constructor(
    private readonly bars: readonly Bar[],
    private readonly times?: readonly string[],
    private readonly volumeSums?: Float64Array,
  ) {
    this.records = times === undefined ? undefined : new ExtremumRecords(times);
  }
  meanVolume(e: number): number | undefined {
    const sums = this.volumeSums;
    if (sums === undefined) return windowMeanVolume(this, e);
    return (sums[e + 1]! - sums[e - WINDOW + 1]!) / WINDOW;
  }
  time(i: number): string {
    const times = this.times;
    return times === undefined ? this.bars[i]!.time : times[i]!;
  }
  volume(i: number): number | undefined {
    const sums = this.volumeSums;
    // Exact sums are exact integers: their difference is the bar's volume itself, read from 8 bytes the
    // scan touched lately instead of from a bar object long out of cache.
    if (sums !== undefined) return sums[i + 1]! - sums[i]!;
    return this.bars[i]!.volume;
  }
}

// An empty BarReader kept for good (kept-shapes.ts), with columns and records so their shapes stay too: a
// full collection that found none left took the class's shape (or its ExtremumRecords'), and with it the
// optimized code of appendDetections and its helpers (40 to 80 ms of compiling on every later scan, part of
// the scan run before that code was ready; --trace-deopt "weak objects").
keepShape(new BarReader([], [], new Float64Array(1)));

/**
 * `bars` read by index: as they are when already IndexedBars, else through a BarReader.
 *
 * @example
 * indexedBars([{ time: "2020-01-02", close: 10 }]).time(0) // "2020-01-02"
 */
export function indexedBars(bars: readonly Bar[] | IndexedBars): IndexedBars {
  return Array.isArray(bars) ? new BarReader(bars) : (bars as IndexedBars);
}

/**
 * The mean volume of the window ending at bar `e` (its volumes added in bar order), or undefined when one
 * of its bars has none.
 *
 * @example
 * windowMeanVolume(indexedBars(bars), 37) // bars 0..37's mean volume
 */
export function windowMeanVolume(bars: IndexedBars, e: number): number | undefined {
  let sum = 0;
  for (let i = e - WINDOW + 1; i <= e; i++) {
    const v = bars.volume(i);
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum / WINDOW;
}
