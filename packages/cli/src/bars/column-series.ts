// One series held as columns, as the column reader makes it: closes and volumes in typed arrays, each
// bar's day number and its clock in the day (time-shape.ts: a file of datetimes or epoch times), written as text only
// when a detection names the bar.
// biome-ignore-all lint/style/noNonNullAssertion: bar indices run over 0 .. length-1, inside every column; slots below TIME_SLOTS.

import { type BarSeriesColumns, WINDOW } from "@stock-patterns/core";
import { timeText } from "./time-shape";
import { DATE_SHAPE } from "./time-shape-codes";

/**
 * Times written lately, by bar slot: the scan asks for the times of a window's bars and (with outcomes)
 * of the bars after it, so recent bars are asked again and again, and a bar far back not at all.
 */
const TIME_SLOTS = 256;

/**
 * A series read into columns: what scanColumns reads, and the times the screen needs.
 *
 * @example
 * const series = new ColumnSeries(closes, undefined, Int32Array.of(18263, 18264));
 * series.time(0) // "2020-01-02", written from its day number when first asked
 */
export class ColumnSeries implements BarSeriesColumns {
  private readonly slotBar = new Int32Array(TIME_SLOTS).fill(-1);
  private readonly slotTime: string[] = new Array(TIME_SLOTS).fill("");

  constructor(
    readonly closes: Float64Array,
    /** Counts (Uint32) when every volume is one, else doubles, NaN where a bar has none (see VolumeColumns). */
    private readonly volumes: Uint32Array | Float64Array | undefined,
    /** Each bar's date: days since 1970-01-01. */
    private readonly days: Int32Array,
    /** Each bar's clock (time-shape.ts): seconds (or epoch milliseconds) into its day, for a file of datetimes or epoch times. */
    private readonly clocks?: Int32Array,
    /** How the file writes its times (time-shape.ts). */
    readonly shape = DATE_SHAPE,
  ) {}

  get length(): number {
    return this.closes.length;
  }

  time(i: number): string {
    const slot = i & (TIME_SLOTS - 1);
    if (this.slotBar[slot] === i) return this.slotTime[slot]!;
    const time = timeText(this.days[i]!, this.clocks?.[i] ?? 0, this.shape);
    this.slotBar[slot] = i;
    this.slotTime[slot] = time;
    return time;
  }

  volume(i: number): number | undefined {
    const volume = this.volumes?.[i];
    return volume === undefined || Number.isNaN(volume) ? undefined : volume;
  }

  /**
   * windowMeanVolume's value for the window ending at bar `e`, to the bit (its volumes added in bar order
   * from 0), read straight from the column: the scan asks for it once per window with codes. Undefined
   * when a bar of the window has no volume (NaN: valid volumes are finite, so no sum of them is NaN).
   */
  meanVolume(e: number): number | undefined {
    const volumes = this.volumes;
    if (volumes === undefined) return undefined;
    let sum = 0;
    for (let i = e - WINDOW + 1; i <= e; i++) sum += volumes[i]!;
    return Number.isNaN(sum) ? undefined : sum / WINDOW;
  }

  /** The bars from `from` on (a view: no copy of the columns). */
  from(from: number): ColumnSeries {
    return new ColumnSeries(
      this.closes.subarray(from),
      this.volumes?.subarray(from),
      this.days.subarray(from),
      this.clocks?.subarray(from),
      this.shape,
    );
  }
}
