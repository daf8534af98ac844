// One series held as columns, as the column reader makes it: closes and volumes in typed arrays, each
// bar's time left in the file's bytes until a detection names it.
// biome-ignore-all lint/style/noNonNullAssertion: bar indices run over 0 .. length-1, inside every column.

import type { BarSeriesColumns } from "@stock-patterns/core";

/** The length of a YYYY-MM-DD date: the only time the column reader takes. */
export const DATE_LENGTH = 10;

/**
 * A series read into columns: what scanColumns reads, and the times the screen needs.
 *
 * @example
 * const series = new ColumnSeries(file, closes, undefined, timeStarts);
 * series.time(0) // "2020-01-02", decoded from the file when first asked
 */
export class ColumnSeries implements BarSeriesColumns {
  /** Times decoded so far, by bar. */
  private readonly times: (string | undefined)[];

  constructor(
    private readonly file: Buffer,
    readonly closes: Float64Array,
    private readonly volumes: Float64Array | undefined,
    /** Where each bar's date starts in `file` (ASCII, checked by the reader). */
    private readonly timeStarts: Int32Array,
  ) {
    this.times = new Array(closes.length);
  }

  get length(): number {
    return this.closes.length;
  }

  time(i: number): string {
    let time = this.times[i];
    if (time === undefined) {
      const start = this.timeStarts[i]!;
      time = this.file.toString("latin1", start, start + DATE_LENGTH);
      this.times[i] = time;
    }
    return time;
  }

  volume(i: number): number | undefined {
    return this.volumes?.[i];
  }

  /** The bars from `from` on (a view: no copy of the columns). */
  from(from: number): ColumnSeries {
    return new ColumnSeries(
      this.file,
      this.closes.subarray(from),
      this.volumes?.subarray(from),
      this.timeStarts.subarray(from),
    );
  }
}
