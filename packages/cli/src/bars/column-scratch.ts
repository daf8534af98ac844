// The columns a thread reads its files into, reused from file to file (see ColumnScratch).

import type { Header } from "./column-reader";
import { ColumnSeries } from "./column-series";
import { mostBars } from "./row-layout";
import { ModuleRows } from "./row-module";
import { type ClockColumns, RowReader, type VolumeColumns } from "./row-reader";

/**
 * Columns a thread reads file after file into, so their memory is made and touched once: new columns
 * for each 5,000-bar file were most of reading it (fresh memory is slow to map and zero here). A series
 * read into them is valid until the next read into the same scratch.
 */
export class ColumnScratch implements VolumeColumns, ClockColumns {
  closes = new Float64Array(0);
  counts = new Uint32Array(0);
  /** Made at the first file with a volume that is not a count (see VolumeColumns). */
  volumes = new Float64Array(0);
  days = new Int32Array(0);
  /** Made at the first file of datetimes or epoch times (see ClockColumns). */
  private times = new Int32Array(0);
  /** What a file read a piece at a time is read into (pieces.ts). */
  piece: Buffer = Buffer.alloc(0);
  /** Bars of the columns (closes, counts, days) written at least once: their memory is made. */
  private written = 0;
  /** The WebAssembly reader of this thread's files (row-module.ts): its columns are in its own memory. */
  private module: ModuleRows | undefined;

  /**
   * `byModule`: rows are read by the WebAssembly reader where there is WebAssembly, else by RowReader into
   * the columns above (the tests hold the two equal).
   */
  constructor(readonly byModule = true) {}

  /**
   * The WebAssembly reader for a file of rows laid out as `header` says, with room for `capacity` bars at
   * first (it lays out more as it needs), or undefined: read by RowReader.
   */
  moduleRows(header: Header, capacity: number): ModuleRows | undefined {
    if (!this.byModule) return undefined;
    this.module = ModuleRows.for(this.module, header.layout, header.sep, capacity);
    return this.module;
  }

  /** Makes the columns hold at least `capacity` bars. */
  fit(capacity: number): void {
    if (this.closes.length >= capacity) return;
    const size = Math.max(capacity, 2 * this.closes.length);
    this.closes = new Float64Array(size);
    this.counts = new Uint32Array(size);
    this.days = new Int32Array(size);
    this.written = 0;
  }

  /**
   * Writes (zeros) the columns' bars from `from` up to `to`, past those written before, so that their memory
   * is made now, when the caller has nothing better to do (see readColumnsFrom), rather than as rows are read
   * into them: fresh memory costs ~20 us a 4 KiB page here. Bars below `from` hold rows read: left alone.
   */
  prepare(from: number, to: number, volumes: Uint32Array | Float64Array | undefined): void {
    const start = Math.max(from, this.written);
    const end = Math.min(to, this.closes.length);
    if (end <= start) return;
    this.closes.fill(0, start, end);
    this.days.fill(0, start, end);
    if (volumes === this.counts) this.counts.fill(0, start, end);
    this.written = end;
  }

  /**
   * Columns twice the size (at most `most` bars) for `rows`, which found these full, the bars it read
   * copied into them.
   */
  grow(rows: RowReader, most: number): void {
    const n = rows.bars;
    const { closes, counts, days, volumes } = this;
    const doubles = rows.volumes() === volumes;
    const size = Math.min(2 * closes.length, most);
    this.closes = new Float64Array(size);
    this.counts = new Uint32Array(size);
    this.days = new Int32Array(size);
    this.closes.set(closes.subarray(0, n));
    this.days.set(days.subarray(0, n));
    const clocks = rows.clockColumn();
    if (clocks !== undefined) {
      this.times = new Int32Array(size);
      this.times.set(clocks.subarray(0, n));
    }
    if (doubles) {
      this.volumes = new Float64Array(this.counts.length);
      this.volumes.set(volumes.subarray(0, n));
    } else this.counts.set(counts.subarray(0, n));
    this.written = n;
    rows.resume(this.closes, this.days);
  }

  /** The column of clocks for a file of datetimes or epoch times, made or grown when first needed. */
  clocks(): Int32Array {
    if (this.times.length < this.closes.length) this.times = new Int32Array(this.closes.length);
    return this.times;
  }

  /** The column of doubles for a file whose volumes are not all counts, made or grown when first needed. */
  doubles(): Float64Array {
    if (this.volumes.length < this.counts.length) this.volumes = new Float64Array(this.counts.length);
    return this.volumes;
  }

  /**
   * A reader of rows of `bytes` bytes (at most) laid out as `header` says, into these columns: sized by
   * the shortest row, no more bars than fit (counting the lines first, an indexOf per line, measured
   * 70 ms for 300,000 bars), or for `bars` when fewer (the reader then stops when they are full: grow).
   */
  rowReader(header: Header, bytes: number, bars = Number.POSITIVE_INFINITY): RowReader {
    const { layout } = header;
    this.fit(Math.min(bars, mostBars(header.layout, bytes)));
    return new RowReader(layout, header.sep, this.closes, layout.volume ? this : undefined, this.days, this);
  }

  /** The series the reader read, or undefined when it stopped or read no bar. */
  seriesOf(rows: RowReader): ColumnSeries | undefined {
    const n = rows.bars;
    if (n <= 0) return undefined;
    this.written = Math.max(this.written, n);
    return new ColumnSeries(
      this.closes.subarray(0, n),
      rows.volumes()?.subarray(0, n),
      this.days.subarray(0, n),
      rows.clockColumn()?.subarray(0, n),
      rows.shape,
    );
  }
}
