// A long file of many series (a Symbol column) cut into runs of one symbol's rows, in order of first
// appearance as readSeries groups them (SymbolRuns). A file the column reader does not take is left to
// readSeries, which says what is wrong.
// biome-ignore-all lint/style/noNonNullAssertion: positions stay below the file's length.

import { SYMBOL_SHAPE } from "@stock-patterns/core";
import { NEWLINE } from "./char-codes";
import type { Header } from "./column-reader";
import { SymbolRuns } from "./symbol-runs";
import { type Words, wordsOf } from "./words";

/** Whether file[a, a + length) and file[b, b + length) hold the same bytes. */
function sameBytes(file: Buffer, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (file[a + i] !== file[b + i]) return false;
  return true;
}

/**
 * The runs of rows of each symbol in the rows after `header` (whose layout has a Symbol column); undefined
 * when a row has no Symbol cell, or a symbol the API's rule refuses (SYMBOL_SHAPE: an empty one, a blank,
 * one not ASCII); readSeries then reads the file, and says what is wrong. `expected`: the runs to make
 * room for at first (SymbolRuns).
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
          // Bytes past ASCII read as latin1 are no known symbol's, and the rule refuses them.
          const name = file.toString("latin1", cell, cellEnd);
          const known = ids.get(name);
          if (known === undefined) {
            // Once a symbol, at its first row: readSeries names the row of one the rule refuses.
            if (!SYMBOL_SHAPE.test(name)) return this.refuse();
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
