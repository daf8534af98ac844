// A long file whose rows come in any order (by date, then symbol) read whole into memory the threads
// share (SharedArrayBuffer) and cut there into its symbols' runs of rows (RowCut), so that any thread
// reads a symbol's rows from them (readSharedRows). A file of CR LF breaks or quoted cells is rewritten
// there first.
// biome-ignore-all lint/style/noNonNullAssertion: positions stay below the bytes' lengths.

import { CARRIAGE_RETURN, NEWLINE, QUOTE } from "./char-codes";
import { asColumnLines, type Header, headerOf, readRange } from "./column-reader";
import type { ColumnScratch } from "./column-scratch";
import type { ColumnSeries } from "./column-series";
import { rowsOf } from "./gathered-rows";
import { RowCut, symbolRuns } from "./row-cut";
import type { ReadOptions } from "./series";
import { rowOf } from "./symbol-ranges";
import { SymbolRuns } from "./symbol-runs";

/**
 * A long file's bytes and its symbols' runs of rows in memory threads share (SharedArrayBuffer): any
 * thread reads a symbol's rows from them (readSharedRows).
 */
export interface SharedRuns {
  file: Uint8Array;
  runs: { starts: Uint32Array; nexts: Int32Array; count: number };
  header: Header;
}

/**
 * About how many rows `file` holds from byte `body` on (a quarter more than its first row's length
 * gives), at most MOST_EXPECTED_ROWS: rows by date, then symbol, are a run each (shareSymbolRuns), and
 * their runs' arrays are made this long at once. Room not used is never touched, and more rows grow the
 * arrays.
 */
function expectedRows(file: Buffer, body: number): number {
  const end = file.indexOf(NEWLINE, body);
  const firstRow = end < 0 ? file.length - body : end + 1 - body;
  return Math.min(MOST_EXPECTED_ROWS, Math.ceil((1.25 * (file.length - body)) / Math.max(1, firstRow)));
}

/** Runs made room for at once, at most (256 MB of arrays): a short first row does not reserve gigabytes. */
const MOST_EXPECTED_ROWS = 1 << 25;

/** A long file's symbols in shared memory (shareSymbolRuns): each with its first run, in order of first appearance. */
export interface SharedSymbols {
  shared: SharedRuns;
  symbols: { symbol: string; first: number }[];
}

/**
 * A long file of any layout (rows by date, then symbol) whose bytes are in shared memory, cut into its
 * symbols' runs (symbolRuns): each symbol with its first run, in order of first appearance; undefined for a
 * file eachSymbolSeries would not read (a quote not around a cell, a row without a symbol, ...), one of fewer than two
 * symbols, or one whose symbols' times are of two kinds.
 *
 * @example
 * shareSymbolRuns(bytes, { symbol: "universe" })?.symbols // [{ symbol: "AAPL", first: 0 }, ...]
 */
export function shareSymbolRuns(bytes: Uint8Array, options: ReadOptions): SharedSymbols | undefined {
  // A file of CR LF breaks or quoted cells: rewritten here, in the memory it was read into.
  const end = asColumnLines(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), true, options);
  if (end === undefined) return undefined;
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, end);
  const header = headerOf(file, true, options, true);
  if (header === undefined || header.layout.symbol < 0) return undefined;
  return sharedSymbols(file, header, symbolRuns(file, header, expectedRows(file, header.body)));
}

/**
 * shareSymbolRuns of a file read into `bytes` in two steps: the rows in its first `read` bytes are cut
 * now, while a thread reads the rest (the main thread would wait idle), and the rest by `rest`, once the
 * file is all there (its length given). The same result as shareSymbolRuns of the whole file. `cut`: the
 * bytes whose rows are cut already, 0 when the file is left to shareSymbolRuns whole (it needs rewriting:
 * CR LF, quotes; or its header is not the column reader's).
 *
 * @example
 * const steps = shareSymbolRunsInSteps(bytes, half, options); await secondHalf; steps.rest(bytes.length)
 */
export function shareSymbolRunsInSteps(
  bytes: Uint8Array,
  read: number,
  options: ReadOptions,
): { cut: number; rest: (length: number) => SharedSymbols | undefined } {
  const whole = { cut: 0, rest: (length: number) => shareSymbolRuns(bytes.subarray(0, length), options) };
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = all.subarray(0, read);
  const lines = head.lastIndexOf(NEWLINE) + 1;
  const early = needsRewriting(head) ? undefined : headerOf(head, false, options, true);
  if (early === undefined || early.layout.symbol < 0 || lines <= early.body) return whole;
  const rows = new RowCut(early, expectedRows(all, early.body));
  if (!rows.cutTo(all, lines)) return whole;
  const rest = (length: number) => {
    const file = all.subarray(0, length);
    // Whole, the file may need rewriting after all, or its header read otherwise (its separator guessed
    // from more lines): then it is shared as shareSymbolRuns shares it.
    const header = needsRewriting(file.subarray(lines)) ? undefined : headerOf(file, true, options, true);
    if (header === undefined || !sameHeader(header, early)) return whole.rest(length);
    return sharedSymbols(file, header, rows.cutTo(file, length) ? rows.runs(length) : undefined);
  };
  return { cut: lines, rest };
}

/** Whether asColumnLines would rewrite these bytes (a carriage return or a quote in them). */
const needsRewriting = (bytes: Buffer) => bytes.includes(CARRIAGE_RETURN) || bytes.includes(QUOTE);

const sameHeader = (a: Header, b: Header) =>
  a.sep === b.sep && a.body === b.body && JSON.stringify(a.layout) === JSON.stringify(b.layout);

/** shareSymbolRuns' result from the file's runs, or undefined (see there). */
function sharedSymbols(
  file: Buffer,
  header: Header,
  runs: SymbolRuns | undefined,
): SharedSymbols | undefined {
  if (runs === undefined || runs.symbols.length < 2) return undefined;
  // Each symbol's first row says its kind of time.
  const symbols = runs.symbols.map((symbol, k) => {
    const first = runs.firstOf(k);
    const start = runs.from(first);
    const end = file.indexOf(NEWLINE, start);
    const row = rowOf(file, start, end < 0 ? file.length : end, start, header);
    return { symbol, first, epoch: row === "refused" ? undefined : row.epoch };
  });
  if (symbols.some((one) => one.epoch === undefined || one.epoch !== symbols[0]?.epoch)) return undefined;
  return {
    shared: { file: new Uint8Array(file.buffer, file.byteOffset, file.length), runs: runs.shared(), header },
    symbols: symbols.map(({ symbol, first }) => ({ symbol, first })),
  };
}

/**
 * The rows of the symbol whose first run is `first` (shareSymbolRuns) read into columns, gathered into
 * `scratch`'s piece first when they are more than one run; undefined when the column reader does not take
 * them.
 *
 * @example
 * readSharedRows(shared, symbols[1].first, scratch)?.length // bars of the file's second symbol
 */
export function readSharedRows(
  shared: SharedRuns,
  first: number,
  scratch: ColumnScratch,
): ColumnSeries | undefined {
  const file = Buffer.from(shared.file.buffer, shared.file.byteOffset, shared.file.byteLength);
  const gathered = { bytes: scratch.piece };
  const rows = rowsOf(file, SymbolRuns.ofShared(shared.runs, file.length), first, gathered);
  scratch.piece = gathered.bytes;
  return readRange(rows.bytes, shared.header, rows.from, rows.to, scratch);
}
