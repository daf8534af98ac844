// A long file of many series (a Symbol column) read into columns a symbol at a time, in order of first
// appearance as readSeries groups them: its rows are cut into runs of one symbol's rows here, and each
// symbol's rows are read by the column reader as a file of one series is: in place when they are one run
// (a file per symbol joined one after another), else copied together first (rows by date, then symbol).
// A file the column reader does not take is left to readSeries, which says what is wrong.
// biome-ignore-all lint/style/noNonNullAssertion: positions stay below the file's length.

import { NEWLINE } from "./char-codes";
import { type ColumnScratch, columnBytes, type Header, headerOf, readRange } from "./column-reader";
import type { ColumnSeries } from "./column-series";
import type { ReadOptions } from "./series";
import { EPOCH_SECONDS } from "./time-shape";

/**
 * The runs of rows of a long file, one after another in the file, each of one symbol's rows: `symbols` in
 * order of first appearance, and each symbol's runs in file order, chained (a file per symbol joined has
 * one run a symbol; a file by date, then symbol, a run a row). A run ends where the next begins (blank
 * lines between are the reader's to skip). Typed arrays of 8 bytes a run, grown by doubling: a file of 2.5
 * million rows by date pushed onto arrays took 0.7 s, these 0.1 s. They are made in shared memory, so the
 * threads read them as they are (shared), and at the size a caller expects (shareSymbolRuns: a run a row):
 * 2.5 million runs grown from 1,024 and copied into shared memory after took 167 ms of the 163 MB file's
 * cut (103 growing, 64 copying; a profile of one run).
 */
export class SymbolRuns {
  readonly symbols: string[] = [];
  /** Runs added. */
  count = 0;
  /** Where each run starts in the file (a file past 4 GiB is left to readSeries). */
  private starts: Uint32Array;
  /** The next run of the same symbol, or -1. */
  private nexts: Int32Array;
  /** Each symbol's first and last run. */
  private readonly first: number[] = [];
  private readonly last: number[] = [];

  /**
   * The runs of a file `end` bytes long, with room for `expected` runs before the arrays grow, or over
   * `shared` arrays holding runs already (ofShared).
   */
  constructor(
    private end: number,
    expected = 1024,
    shared?: { starts: Uint32Array; nexts: Int32Array; count: number },
  ) {
    this.starts = shared?.starts ?? new Uint32Array(sharedWords(expected));
    this.nexts = shared?.nexts ?? new Int32Array(sharedWords(expected));
    this.count = shared?.count ?? 0;
  }

  /**
   * The runs as `starts` and `nexts` in memory threads share, for a thread to read a symbol's rows by
   * (ofShared): only those arrays and the count cross, not the symbols or each symbol's first run.
   */
  shared(): { starts: Uint32Array; nexts: Int32Array; count: number } {
    return { starts: this.starts, nexts: this.nexts, count: this.count };
  }

  /** Runs as shared() gave them, of a file `end` bytes long: read by from, to and next. */
  static ofShared(runs: { starts: Uint32Array; nexts: Int32Array; count: number }, end: number): SymbolRuns {
    return new SymbolRuns(end, 0, runs);
  }

  /** Adds a run of symbol `k` (a new symbol when k is symbols.length) starting at `from`. */
  add(k: number, from: number): void {
    const run = this.count++;
    if (run === this.nexts.length) this.grow();
    this.starts[run] = from;
    this.nexts[run] = -1;
    if (k === this.first.length) {
      this.first.push(run);
      this.last.push(run);
      return;
    }
    this.nexts[this.last[k]!] = run;
    this.last[k] = run;
  }

  /** Sets the file's length, where its last run ends (a file read in two steps: RowCut). */
  endAt(end: number): void {
    this.end = end;
  }

  /** Symbol `k`'s first run. */
  firstOf(k: number): number {
    return this.first[k]!;
  }

  /** The run after `run` of the same symbol, or -1. */
  next(run: number): number {
    return this.nexts[run]!;
  }

  /** Where `run` starts. */
  from(run: number): number {
    return this.starts[run]!;
  }

  /** Where `run` ends: where the next run starts, or the file's end. */
  to(run: number): number {
    return run + 1 < this.count ? this.starts[run + 1]! : this.end;
  }

  private grow(): void {
    const length = Math.max(1024, 2 * this.nexts.length);
    const starts = new Uint32Array(sharedWords(length));
    const nexts = new Int32Array(sharedWords(length));
    starts.set(this.starts);
    nexts.set(this.nexts);
    this.starts = starts;
    this.nexts = nexts;
  }
}

/** Shared memory for `length` four-byte numbers (zeros). */
const sharedWords = (length: number) => new SharedArrayBuffer(4 * length);

/** The first byte that is not ASCII: a symbol with one is left to readSeries, which decodes the whole text. */
export const NOT_ASCII = 0x80;

/** Whether file[a, a + length) and file[b, b + length) hold the same bytes. */
function sameBytes(file: Buffer, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (file[a + i] !== file[b + i]) return false;
  return true;
}

/**
 * The runs of rows of each symbol in the rows after `header` (whose layout has a Symbol column); undefined
 * when a row has no Symbol cell or an empty one, or a symbol is not ASCII (readSeries then reads the
 * file, and says what is wrong). `expected`: the runs to make room for at first (SymbolRuns).
 *
 * @example
 * symbolRuns(Buffer.from("Symbol,Date,Close\nA,2020-01-02,1\nB,2020-01-02,2\n"), header)?.symbols // ["A", "B"]
 */
export function symbolRuns(file: Buffer, header: Header, expected?: number): SymbolRuns | undefined {
  const cut = new RowCut(header, expected);
  return cut.cutTo(file, file.length) ? cut.runs(file.length) : undefined;
}

/**
 * symbolRuns in steps, for a file whose bytes come in order: the rows up to a line's end cut while the
 * rest is still being read (rows by date, then symbol, read in two halves: symbol-rows.ts), the rest once
 * they are there. The same runs as symbolRuns of the whole file.
 */
export class RowCut {
  private readonly found: SymbolRuns;
  private readonly ids = new Map<string, number>();
  // Where each symbol's bytes lie (one of its cells), and the symbol that came after its run last time: in
  // a file by date, then symbol, the symbols come in the same order each date, so the next run's symbol is
  // found by comparing bytes, without a string made or looked up for each row.
  private readonly cellAt: number[] = [];
  private readonly cellLength: number[] = [];
  private readonly after: number[] = [];
  // The run being read: where it starts, its symbol, and where its first row's symbol lies.
  private runFrom = -1;
  private symbol = -1;
  private symbolAt = 0;
  private symbolLength = 0;
  /** Where the next row starts. */
  private pos: number;
  private refused = false;

  constructor(
    private readonly header: Header,
    expected?: number,
  ) {
    // The file's length is set when its runs are taken (runs): its last run ends there.
    this.found = new SymbolRuns(0, expected);
    this.pos = header.body;
  }

  /**
   * Cuts the rows from where the last call stopped up to `end`: a line's end, or the file's. `file` holds
   * the bytes up to `end` at least, the same at each call. False (for good) once a row is refused.
   */
  cutTo(file: Buffer, end: number): boolean {
    if (this.refused || file.length > 0xffff_ffff) return false;
    const { sep } = this.header;
    const column = this.header.layout.symbol;
    const { found: runs, ids, cellAt, cellLength, after } = this;
    let { runFrom, symbol, symbolAt, symbolLength, pos } = this;
    const words = wordsOf(file);
    // Byte by byte: Buffer's indexOf, a call into C++ for a few dozen bytes, took longer than the loop; the
    // rest of each row, past its Symbol cell, four bytes at a time (lineBreakFrom).
    while (pos < end) {
      // An empty line is skipped, as readSeries skips it.
      if (file[pos] === NEWLINE) {
        pos++;
        continue;
      }
      let cell = pos;
      for (let k = 0; k < column; k++) {
        while (cell < end && file[cell] !== sep && file[cell] !== NEWLINE) cell++;
        if (cell === end || file[cell] === NEWLINE) return this.refuse();
        cell++;
      }
      let cellEnd = cell;
      while (cellEnd < end && file[cellEnd] !== sep && file[cellEnd] !== NEWLINE) cellEnd++;
      const lineEnd = lineBreakFrom(file, words, cellEnd);
      const length = cellEnd - cell;
      if (length === 0) return this.refuse();
      if (runFrom < 0 || length !== symbolLength || !sameBytes(file, cell, symbolAt, length)) {
        if (runFrom >= 0) runs.add(symbol, runFrom);
        const guess = symbol < 0 ? -1 : after[symbol]!;
        let next: number;
        if (guess >= 0 && cellLength[guess] === length && sameBytes(file, cell, cellAt[guess]!, length))
          next = guess;
        else {
          for (let i = cell; i < cellEnd; i++) if (file[i]! >= NOT_ASCII) return this.refuse();
          const name = file.toString("latin1", cell, cellEnd);
          const known = ids.get(name);
          if (known === undefined) {
            next = runs.symbols.length;
            ids.set(name, next);
            runs.symbols.push(name);
            cellAt.push(cell);
            cellLength.push(length);
            after.push(-1);
          } else next = known;
        }
        if (symbol >= 0) after[symbol] = next;
        symbol = next;
        runFrom = pos;
        symbolAt = cell;
        symbolLength = length;
      }
      pos = lineEnd + 1;
    }
    this.runFrom = runFrom;
    this.symbol = symbol;
    this.symbolAt = symbolAt;
    this.symbolLength = symbolLength;
    this.pos = pos;
    return true;
  }

  /** The runs of a file `end` bytes long, cut to its end (cutTo), taken once; undefined when it has no row. */
  runs(end: number): SymbolRuns | undefined {
    if (this.refused || this.runFrom < 0) return undefined;
    this.found.add(this.symbol, this.runFrom);
    this.found.endAt(end);
    return this.found;
  }

  private refuse(): false {
    this.refused = true;
    return false;
  }
}

/** A file's bytes as four-byte words, from its first byte that lies at a multiple of 4 in memory (`first`). */
interface Words {
  words: Int32Array;
  first: number;
}

/** `file` as Words: its whole four-byte words after its first 0 to 3 bytes. */
function wordsOf(file: Buffer): Words {
  const first = Math.min(file.length, (4 - (file.byteOffset & 3)) & 3);
  const count = (file.length - first) >> 2;
  // No whole word (a few bytes, off a word's start): an empty array, as one may not start off a word.
  if (count === 0) return { words: new Int32Array(0), first };
  return { words: new Int32Array(file.buffer, file.byteOffset + first, count), first };
}

/**
 * Where the first line break at or after `from` is, or the file's end: four bytes at a time, a word with a
 * line break told by the test for a zero byte in word ^ 0x0a0a0a0a (exact: no word without one passes it).
 * The rest of a by-date row past its Symbol cell, 60 bytes or so: symbolRuns of 2.5 million rows took 253
 * ms byte by byte, 177 ms so (medians of 7, one process).
 */
function lineBreakFrom(file: Buffer, { words, first }: Words, from: number): number {
  let at = from;
  // Bytes up to a word's start (a file shorter than its first word has none: bytes to its end).
  for (; at < file.length && (at < first || ((at - first) & 3) !== 0); at++)
    if (file[at] === NEWLINE) return at;
  let word = (at - first) >> 2;
  for (; word < words.length; word++) {
    const v = words[word]! ^ 0x0a0a0a0a;
    if ((((v - 0x01010101) | 0) & ~v & 0x80808080) !== 0) break;
  }
  at = Math.max(at, first + (word << 2));
  while (at < file.length && file[at] !== NEWLINE) at++;
  return at;
}

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
    // The last word read (w + whole) lies before `to` rounded up, so inside the file's whole words but at its very end.
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
 *
 * @example
 * eachSymbolSeries(file, { symbol: "X" }, scratch, (symbol, series) => results.push(scan(symbol, series)))
 */
export function eachSymbolSeries(
  bytes: Uint8Array,
  options: ReadOptions,
  scratch: ColumnScratch,
  use: (symbol: string, series: ColumnSeries) => void,
): boolean {
  const file = columnBytes(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), scratch, options);
  if (file === undefined) return false;
  const header = headerOf(file, true, options, true);
  if (header === undefined || header.layout.symbol < 0) return false;
  const runs = symbolRuns(file, header);
  if (runs === undefined) return false;
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
