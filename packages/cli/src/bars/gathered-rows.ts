// Each symbol's rows of a long file read into columns a symbol at a time: in place when they are one run
// (a file per symbol joined one after another), else copied together first (rows by date, then symbol).
// biome-ignore-all lint/style/noNonNullAssertion: positions stay below the file's length.

import { columnBytes, headerOf, readRange } from "./column-reader";
import type { ColumnScratch } from "./column-scratch";
import type { ColumnSeries } from "./column-series";
import { symbolRuns } from "./row-cut";
import type { ReadOptions } from "./series";
import type { SymbolRuns } from "./symbol-runs";
import { EPOCH_SECONDS } from "./time-shape-codes";
import { type Words, wordsOf } from "./words";

/**
 * The rows of the symbol whose first run is `first`, as one range of whole lines: its one run in place, or
 * its runs copied one after another into `gathered` (grown as needed). Every run but the file's last ends
 * with a line break, and that one is its symbol's last.
 */
export function rowsOf(
  file: Buffer,
  runs: SymbolRuns,
  first: number,
  gathered: { bytes: Buffer },
): { bytes: Buffer; from: number; to: number } {
  if (runs.next(first) === -1) return { bytes: file, from: runs.from(first), to: runs.to(first) };
  const source = wordsOf(file);
  let into = gathered.bytes;
  let target = wordsOf(into);
  let at = 0;
  // One walk of the runs, growing the copy when a row does not fit: a walk to add up their sizes first
  // read the runs' arrays twice, a likely cache miss a row each in a file by date (its runs 500 apart).
  for (let run = first; run !== -1; run = runs.next(run)) {
    const from = runs.from(run);
    const to = runs.to(run);
    if (at + (to - from) > into.length) {
      const grown = Buffer.allocUnsafe(Math.max(at + (to - from), 2 * into.length, 1 << 16));
      into.copy(grown, 0, 0, at);
      into = grown;
      target = wordsOf(grown);
      gathered.bytes = grown;
    }
    at = copyRow(file, source, from, to, into, target, at);
  }
  return { bytes: into, from: 0, to: at };
}

/**
 * Copies file[from, to) into `into` at `at` and returns where the copy ends. Rows of a few dozen bytes,
 * as Buffer's copy is a call into C++: a byte at a time up to a word of `into`, then four bytes a store,
 * each word put together from the two of `file` it straddles. A file by date, then symbol, is 163 MB of
 * such rows for 500 symbols: a store a byte took 260 ms, this 165 (one thread, medians of 3).
 */
function copyRow(
  file: Buffer,
  source: Words,
  from: number,
  to: number,
  into: Buffer,
  target: Words,
  at: number,
): number {
  let i = from;
  let o = at;
  for (; i < to && (o < target.first || ((o - target.first) & 3) !== 0); i++, o++) into[o] = file[i]!;
  const whole = i < source.first ? 0 : (to - i) >> 2;
  if (whole > 0) {
    const { words } = source;
    const into32 = target.words;
    const offset = (i - source.first) & 3;
    const w = (i - source.first) >> 2;
    const d = (o - target.first) >> 2;
    // Words put together read one past the last they fill (w + whole): a row that ends in the file's last,
    // partial word is copied a byte at a time.
    if (offset === 0) for (let k = 0; k < whole; k++) into32[d + k] = words[w + k]!;
    else if (w + whole < words.length) {
      const low = 8 * offset;
      const high = 32 - low;
      let word = words[w]!;
      for (let k = 0; k < whole; k++) {
        const next = words[w + k + 1]!;
        into32[d + k] = (word >>> low) | (next << high);
        word = next;
      }
    } else return copyBytes(file, i, to, into, o);
    i += whole << 2;
    o += whole << 2;
  }
  return copyBytes(file, i, to, into, o);
}

/** Copies file[from, to) into `into` at `at` a byte at a time; returns where the copy ends. */
function copyBytes(file: Buffer, from: number, to: number, into: Buffer, at: number): number {
  let o = at;
  for (let i = from; i < to; i++, o++) into[o] = file[i]!;
  return o;
}

/** Whether a series' times are epoch numbers: readSeries takes one style of time per file, ISO or epoch. */
const epochTimes = (series: ColumnSeries) => series.shape >= EPOCH_SECONDS;

/**
 * Calls `use` with each symbol's series of a long file (its Symbol column's runs of rows, in order) as
 * columns, each valid only during its call (they are read into `scratch`, one after another); false when
 * the file is not one this reader takes (then readSeries reads it), which may be found after some calls.
 * `onSymbols`, when given, is told all the file's symbols, as written, before the first call: its runs
 * are cut from the whole file before any symbol is read into columns.
 *
 * @example
 * eachSymbolSeries(file, { symbol: "X" }, scratch, (symbol, series) => results.push(scan(symbol, series)))
 */
export function eachSymbolSeries(
  bytes: Uint8Array,
  options: ReadOptions,
  scratch: ColumnScratch,
  use: (symbol: string, series: ColumnSeries) => void,
  onSymbols?: (symbols: readonly string[]) => void,
): boolean {
  const file = columnBytes(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), scratch, options);
  if (file === undefined) return false;
  const header = headerOf(file, true, options, true);
  if (header === undefined || header.layout.symbol < 0) return false;
  const runs = symbolRuns(file, header);
  if (runs === undefined) return false;
  onSymbols?.(runs.symbols);
  const gathered = { bytes: Buffer.alloc(0) };
  let epoch: boolean | undefined;
  for (let k = 0; k < runs.symbols.length; k++) {
    const rows = rowsOf(file, runs, runs.firstOf(k), gathered);
    const series = readRange(rows.bytes, header, rows.from, rows.to, scratch);
    if (series === undefined) return false;
    epoch ??= epochTimes(series);
    if (epochTimes(series) !== epoch) return false;
    use(runs.symbols[k]!, series);
  }
  return true;
}
