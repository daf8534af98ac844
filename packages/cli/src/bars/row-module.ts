// The WebAssembly row reader (assembly/row-reader.ts) as the column readers drive it: one module per thread,
// an instance over memory laid out for a file (the roles, a chunk its rows are copied into, the columns),
// laid out anew, larger, when the columns are full or the volumes turn out not to be counts.

import { NEWLINE } from "./char-codes";
import { ColumnSeries } from "./column-series";
import { instanceFor, memoryLayout, type RowInstance, rowModule, STATE, volumesIn } from "./row-instance";
import type { Layout } from "./row-layout";
import { hasClocks } from "./time-shape";

/**
 * The WebAssembly reader of a file's rows into columns in its memory. The series it read is a view of them,
 * valid until it reads the next file. It reads the rows row-reader.ts's RowReader reads, into the same
 * values, and declines where that one declines (the caller then leaves the file to the JavaScript readers).
 *
 * @example
 * const rows = ModuleRows.for(undefined, layoutOf("Date,Close", ",")!, 44, 100);
 * rows?.read(Buffer.from("2020-01-02,10\n"), 0, 14, 100); // "read"; rows.series()?.closes[0] === 10
 */
export class ModuleRows {
  private constructor(
    private instance: RowInstance,
    private rowLayout: Layout,
    private sep: number,
  ) {}

  /**
   * A reader for a new file of rows laid out as `rowLayout` says, separated by the byte `sep`, with room
   * for `capacity` bars: `reused` when its memory is large enough, else a new instance. Undefined where
   * WebAssembly (or the module) is missing: then the JavaScript reader reads.
   */
  static for(
    reused: ModuleRows | undefined,
    rowLayout: Layout,
    sep: number,
    capacity: number,
  ): ModuleRows | undefined {
    const module = rowModule();
    if (module === undefined) return undefined;
    const cells = rowLayout.roles.length;
    // A new file's volumes are counts until one is not.
    const fits =
      reused !== undefined &&
      memoryLayout(reused.instance.dataEnd, cells, capacity, false).bytes <=
        reused.instance.buffer.byteLength;
    const instance = fits ? undefined : instanceFor(module, cells, capacity, false);
    const rows = fits ? reused : instance && new ModuleRows(instance, rowLayout, sep);
    rows?.start(rowLayout, sep, capacity);
    return rows;
  }

  /** Lays the instance's memory out for a new file. */
  private start(rowLayout: Layout, sep: number, capacity: number): void {
    this.rowLayout = rowLayout;
    this.sep = sep;
    const { instance } = this;
    instance.layout = memoryLayout(instance.dataEnd, rowLayout.roles.length, capacity, false);
    this.lay();
    instance.exports.restart();
  }

  /** Gives the module the instance's layout. */
  private lay(): void {
    const { exports, buffer, layout } = this.instance;
    new Uint8Array(buffer).set(this.rowLayout.roles, layout.rolesAt);
    exports.layout(
      layout.rolesAt,
      this.rowLayout.roles.length,
      this.sep,
      layout.closesAt,
      layout.daysAt,
      layout.clocksAt,
      layout.volumesAt,
      layout.capacity,
      layout.doubles,
      this.rowLayout.headerCells,
    );
  }

  /**
   * Reads the rows of bytes[from, to) (whole lines, the last one's break optional): "read", or "declined"
   * at a row the JavaScript reader declines too, or past the `most` bars the columns may grow to (as
   * ColumnScratch.grow).
   */
  read(bytes: Buffer, from: number, to: number, most: number): "read" | "declined" {
    for (let at = from; at < to; ) {
      const { exports: x, buffer, layout } = this.instance;
      let end = Math.min(to, at + layout.chunkBytes);
      if (end < to) end = bytes.lastIndexOf(NEWLINE, end - 1) + 1;
      if (end <= at) {
        // A line longer than the chunk: a chunk that holds it.
        const lineEnd = bytes.indexOf(NEWLINE, at);
        const length = (lineEnd < 0 || lineEnd >= to ? to : lineEnd + 1) - at;
        if (!this.relay(layout.capacity, layout.doubles, Math.max(2 * layout.chunkBytes, length)))
          return "declined";
        continue;
      }
      new Uint8Array(buffer).set(bytes.subarray(at, end), layout.chunkAt);
      const status = x.read(layout.chunkAt, layout.chunkAt + end - at);
      if (status === x.READ.value) {
        at = end;
        continue;
      }
      // The row it stopped at is read again once the columns are laid out anew.
      const stoppedAt = at + x.stoppedAt.value - layout.chunkAt;
      const laidOut =
        status === x.WIDEN.value
          ? this.relay(layout.capacity, true, layout.chunkBytes)
          : status === x.FULL.value &&
            layout.capacity < most &&
            this.relay(Math.min(2 * layout.capacity, most), layout.doubles, layout.chunkBytes);
      if (!laidOut) return "declined";
      at = stoppedAt;
    }
    return "read";
  }

  /**
   * Lays the columns out anew in a new instance (`capacity` bars, volumes as doubles when `doubles`, a chunk
   * of `chunkBytes`) that holds the bars read and what the module learnt of the file; false when its memory
   * cannot be had (then the file is declined, and read by the JavaScript readers).
   */
  private relay(capacity: number, doubles: boolean, chunkBytes: number): boolean {
    const before = this.instance;
    // biome-ignore lint/style/noNonNullAssertion: this reader exists, so the module compiled.
    const after = instanceFor(rowModule()!, this.rowLayout.roles.length, capacity, doubles, chunkBytes);
    if (after === undefined) return false;
    const n = before.exports.bars.value;
    const from = before.layout;
    const to = after.layout;
    new Float64Array(after.buffer, to.closesAt, n).set(new Float64Array(before.buffer, from.closesAt, n));
    new Int32Array(after.buffer, to.daysAt, n).set(new Int32Array(before.buffer, from.daysAt, n));
    if (hasClocks(before.exports.shape.value))
      new Int32Array(after.buffer, to.clocksAt, n).set(new Int32Array(before.buffer, from.clocksAt, n));
    // Counts become doubles exactly (every u32 is a double).
    if (this.rowLayout.volume) volumesIn(after.buffer, to, n).set(volumesIn(before.buffer, from, n));
    for (const name of STATE) after.exports[name].value = before.exports[name].value;
    this.instance = after;
    this.lay();
    return true;
  }

  /** The series read: views of the columns (until the next file), or undefined when no bar was read. */
  series(): ColumnSeries | undefined {
    const { exports, buffer, layout } = this.instance;
    const n = exports.bars.value;
    if (n <= 0) return undefined;
    const shape = exports.shape.value;
    return new ColumnSeries(
      new Float64Array(buffer, layout.closesAt, n),
      this.rowLayout.volume ? volumesIn(buffer, layout, n) : undefined,
      new Int32Array(buffer, layout.daysAt, n),
      hasClocks(shape) ? new Int32Array(buffer, layout.clocksAt, n) : undefined,
      shape,
    );
  }
}
