// One instance of the WebAssembly row reader (assembly/row-reader.ts) over memory laid out for a file: the
// roles, a chunk its rows are copied into, the columns. The module is compiled once per thread.

import { PRICE_RANGE, VOLUME_MAX } from "@stock-patterns/core";
import { rowReaderBytes } from "./row-module-bytes";
import { PLAIN_PRICES_VALID } from "./row-reader";

/** What this file uses of WebAssembly's JavaScript API (not in the ES library the project compiles against). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}

interface Global {
  value: number;
}

/** The module's exports (assembly/row-reader.ts). */
export interface RowExports {
  READ: Global;
  FULL: Global;
  WIDEN: Global;
  bars: Global;
  previous: Global;
  shape: Global;
  knownMonth: Global;
  monthBase: Global;
  monthDays: Global;
  stoppedAt: Global;
  dataEnd(): number;
  layout(
    rolesAt: number,
    cells: number,
    separator: number,
    closesAt: number,
    daysAt: number,
    clocksAt: number,
    volumesAt: number,
    capacity: number,
    doubles: boolean,
    headerCells: number,
  ): void;
  rules(plainPrices: boolean, lowestPrice: number, highestPrice: number, highestVolume: number): void;
  restart(): void;
  read(from: number, to: number): number;
}

/** What the reader has learnt of a file, carried to an instance laid out anew. */
export const STATE = ["bars", "previous", "shape", "knownMonth", "monthBase", "monthDays"] as const;

const PAGE_BYTES = 65_536;
/**
 * Bytes of rows copied into the module's memory at a time. The file is read into memory the thread has
 * already (for its first file, the output slot its lines then go to), and a copy costs less than a piece
 * of fresh memory in the module (~20 us a 4 KiB page here), which V8 would also count.
 */
export const CHUNK_BYTES = 64 << 10;
const align8 = (at: number) => Math.ceil(at / 8) * 8;

/** Where memory holds what, for `capacity` bars (offsets in bytes), and its size. */
export interface MemoryLayout {
  rolesAt: number;
  chunkAt: number;
  chunkBytes: number;
  closesAt: number;
  daysAt: number;
  /** Clocks (i32, ClockColumns), written only in a file of datetimes or epoch times: a file of dates leaves their pages unmade. */
  clocksAt: number;
  volumesAt: number;
  capacity: number;
  doubles: boolean;
  bytes: number;
}

export function memoryLayout(
  dataEnd: number,
  cells: number,
  capacity: number,
  doubles: boolean,
  chunkBytes = CHUNK_BYTES,
): MemoryLayout {
  const rolesAt = align8(dataEnd);
  const chunkAt = align8(rolesAt + cells);
  const closesAt = align8(chunkAt + chunkBytes);
  const daysAt = closesAt + 8 * capacity;
  const volumesAt = align8(daysAt + 4 * capacity);
  const clocksAt = volumesAt + (doubles ? 8 : 4) * capacity;
  const bytes = clocksAt + 4 * capacity;
  return { rolesAt, chunkAt, chunkBytes, closesAt, daysAt, clocksAt, volumesAt, capacity, doubles, bytes };
}

/** The volumes column of `n` bars in `buffer` laid out as `layout` says: doubles, or counts (u32). */
export const volumesIn = (
  buffer: ArrayBuffer,
  layout: MemoryLayout,
  n: number,
): Float64Array | Uint32Array =>
  layout.doubles
    ? new Float64Array(buffer, layout.volumesAt, n)
    : new Uint32Array(buffer, layout.volumesAt, n);

/** One instance of the module and its memory. */
export interface RowInstance {
  exports: RowExports;
  buffer: ArrayBuffer;
  dataEnd: number;
  layout: MemoryLayout;
}

const webAssembly = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;

/** The compiled module (once per thread, at the first file), or undefined where it cannot be had. */
let compiled: object | null | undefined = null;

export function rowModule(): object | undefined {
  if (compiled === null) {
    try {
      compiled = webAssembly && new webAssembly.Module(rowReaderBytes());
    } catch {
      compiled = undefined;
    }
  }
  return compiled;
}

/**
 * A new instance over memory of the size a layout for `cells` cells and `capacity` bars needs: allocated
 * whole and never grown, as growing detaches the memory's buffer, and one detach switches off V8's fast path
 * for every typed array of the thread; no larger, as V8 counts all of it as external memory. Undefined when
 * that memory cannot be had (past the 4 GiB a module may address, or refused): the JavaScript readers read.
 */
export function instanceFor(
  module: object,
  cells: number,
  capacity: number,
  doubles: boolean,
  chunkBytes = CHUNK_BYTES,
): RowInstance | undefined {
  // biome-ignore lint/style/noNonNullAssertion: a module was compiled, so there is WebAssembly.
  const api = webAssembly!;
  const needed = memoryLayout(PAGE_BYTES, cells, capacity, doubles, chunkBytes).bytes;
  let memory: { buffer: ArrayBuffer };
  try {
    memory = new api.Memory({ initial: Math.ceil(needed / PAGE_BYTES) });
  } catch {
    return undefined;
  }
  const exports = new api.Instance(module, { env: { memory } }).exports as RowExports;
  exports.rules(PLAIN_PRICES_VALID, PRICE_RANGE.min, PRICE_RANGE.max, VOLUME_MAX);
  const dataEnd = exports.dataEnd();
  const layout = memoryLayout(dataEnd, cells, capacity, doubles, chunkBytes);
  if (layout.bytes > memory.buffer.byteLength) throw new Error("the row reader's data outgrew its page");
  return { exports, buffer: memory.buffer, dataEnd, layout };
}
