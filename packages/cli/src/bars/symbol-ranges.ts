// A long file cut into each symbol's rows, so that threads can read and scan the symbols side by side.
// When its rows come a symbol at a time (files of one symbol each, joined one after another) it is cut
// without reading it whole: where each symbol's rows end is found from a few lines read here and there (the
// lines at a guess, as far on as the last symbol's rows took, then halving, then the lines of a few KB read
// in a row). Those lines are a sample: the threads that read each symbol's rows check that every one is
// that symbol's (readSymbolRows), and this cut checks that no symbol starts twice, so a file read this way
// gives each symbol the rows readSeries gives it. Rows in any other order (by date, then symbol) are cut
// from the whole file, read into memory the threads share (shared-runs.ts).
// biome-ignore-all lint/style/noNonNullAssertion: positions stay below the bytes' lengths.

import { SYMBOL_SHAPE } from "@stock-patterns/core";
import { TIME } from "./cell-roles";
import { CARRIAGE_RETURN, NEWLINE, NINE, QUOTE, ZERO } from "./char-codes";
import { type Header, holdsQuoteOrReturn, RESPELLED_HEAD, readRange, respelledHeader } from "./column-reader";
import type { ColumnScratch } from "./column-scratch";
import type { ColumnSeries } from "./column-series";
import { bytesOf, headerAt, type PositionalSource } from "./part-reader";
import { symbolRuns } from "./row-cut";
import type { ReadOptions } from "./series";

/** One symbol's rows in a long file: the bytes [from, to), read as the file's `header` says. */
export interface SymbolRows {
  from: number;
  to: number;
  header: Header;
}

/**
 * How much the cut reads (bytes): `look` at each look at a row (doubled when its row does not end in
 * them); `fine`, a symbol's end once known within it is found by reading those bytes in a row; `guess`,
 * the first guess at a symbol's rows. Tests give small ones, so that small files take every path.
 */
export interface CutSizes {
  look: number;
  fine: number;
  guess: number;
}

const CUT_SIZES: CutSizes = { look: 4 << 10, fine: 16 << 10, guess: 64 << 10 };

/**
 * Past this many symbols the file is not cut: each costs a few reads here, and so many symbols in one file
 * hold few rows each.
 */
const MOST_SYMBOLS = 20_000;

/** A row found at a position: where it starts, its symbol, and whether its time is an epoch number. */
interface Row {
  start: number;
  symbol: string;
  epoch: boolean;
}

/** What reading a row finds: a row, the file's end, or a row this cut does not take (no Symbol cell, ...). */
type Found = Row | "end" | "refused";

/** The first byte that is not ASCII: a row whose symbol has one is refused (the rule refuses it). */
const NOT_ASCII = 0x80;

/** Where cell `cell` of the row in bytes[start, end) starts and ends, or undefined when the row is shorter. */
function cellOf(bytes: Buffer, start: number, end: number, cell: number, sep: number) {
  let from = start;
  for (let k = 0; k < cell; k++) {
    while (from < end && bytes[from] !== sep) from++;
    if (from === end) return undefined;
    from++;
  }
  let to = from;
  while (to < end && bytes[to] !== sep) to++;
  return { from, to };
}

/** The row in bytes[start, end) (`at`: its position in the file) as a Row, or "refused". */
export function rowOf(
  bytes: Buffer,
  start: number,
  end: number,
  at: number,
  header: Header,
): Row | "refused" {
  const { layout, sep } = header;
  const symbol = cellOf(bytes, start, end, layout.symbol, sep);
  const time = cellOf(bytes, start, end, layout.roles.indexOf(TIME), sep);
  if (symbol === undefined || time === undefined || symbol.to === symbol.from) return "refused";
  for (let i = symbol.from; i < symbol.to; i++) if (bytes[i]! >= NOT_ASCII) return "refused";
  let epoch = time.to > time.from;
  for (let i = time.from; i < time.to && epoch; i++) epoch = bytes[i]! >= ZERO && bytes[i]! <= NINE;
  return { start: at, symbol: bytes.toString("latin1", symbol.from, symbol.to), epoch };
}

/** Reads rows of a long file at positions: the first row at or after a position, or those between two. */
class RowFinder {
  constructor(
    private readonly source: PositionalSource,
    private readonly header: Header,
    private readonly scratch: ColumnScratch,
    private readonly sizes: CutSizes,
  ) {}

  /** The first non-empty row starting at or after `position` (a row's start or not). */
  at(position: number): Found {
    const { body } = this.header;
    const size = this.source.size;
    // From the byte before: a line break there means a row starts at `position`.
    const from = position <= body ? body : position - 1;
    for (let length = this.sizes.look; ; length *= 2) {
      const bytes = bytesOf(this.source, from, length, this.scratch);
      const ended = from + bytes.length >= size;
      let start = 0;
      if (from > body || position > body) {
        const lineBreak = bytes.indexOf(NEWLINE);
        if (lineBreak < 0) {
          if (ended) return "end";
          continue;
        }
        start = lineBreak + 1;
      }
      while (start < bytes.length && bytes[start] === NEWLINE) start++;
      if (start === bytes.length && ended) return "end";
      const end = bytes.indexOf(NEWLINE, start);
      if (end < 0 && !ended) continue;
      return rowOf(bytes, start, end < 0 ? bytes.length : end, from + start, this.header);
    }
  }

  /**
   * Where the first row of another symbol than `symbol` starts in [from, to), `from` the start of a row of
   * `symbol` (`to` when there is none): the bytes read in a row.
   */
  firstOther(symbol: string, from: number, to: number): number | "refused" {
    const bytes = bytesOf(this.source, from, to - from, this.scratch);
    for (let start = 0; start < bytes.length; ) {
      let end = bytes.indexOf(NEWLINE, start);
      if (end < 0) end = bytes.length;
      if (end > start) {
        const row = rowOf(bytes, start, end, from + start, this.header);
        if (row === "refused") return row;
        if (row.symbol !== symbol) return row.start;
      }
      start = end + 1;
    }
    return to;
  }

  /**
   * The first row after `row`'s symbol's rows, guessing they take `guess` bytes: from the guess on, twice
   * as far each time, until a row of another symbol is found, then halving until the end is known within
   * `fine` bytes, then reading those in a row.
   */
  after(row: Row, guess: number): Found {
    const { symbol } = row;
    const size = this.source.size;
    let low = row.start;
    let high = size;
    for (let step = guess; low + step < size; step *= 2) {
      const found = this.at(low + step);
      if (found === "refused") return found;
      if (found === "end") break;
      if (found.symbol !== symbol) {
        high = found.start;
        break;
      }
      low = found.start;
    }
    while (high - low > this.sizes.fine) {
      const found = this.at(low + Math.floor((high - low) / 2));
      if (found === "refused") return found;
      if (found === "end" || found.start >= high) break;
      if (found.symbol === symbol) low = found.start;
      else high = found.start;
    }
    const next = this.firstOther(symbol, low, high);
    if (next === "refused") return next;
    return next >= size ? "end" : this.at(next);
  }
}

/**
 * The header of a long file (a Symbol column) the column reader takes, from its first bytes; undefined for
 * any other file.
 *
 * @example
 * longFileHeader(source, { symbol: "universe" }, scratch)?.layout.symbol // 0
 */
export function longFileHeader(
  source: PositionalSource,
  options: ReadOptions,
  scratch: ColumnScratch,
  look = CUT_SIZES.look,
): Header | undefined {
  const header = headerAt(source, options, scratch, look, true);
  return header !== undefined && header.layout.symbol >= 0 ? header : undefined;
}

/**
 * Whether a long file of CR LF breaks or quoted cells, which longFileHeader leaves, has a header the column
 * reader takes (a Symbol column), its first lines read as asColumnLines rewrites them: such a file is read
 * whole into shared memory, where shareSymbolRuns rewrites it, rather than cut where its rows lie.
 *
 * @example
 * respelledLongFile(source, { symbol: "universe" }, scratch) // true for "Symbol,Date,Close\r\n..."
 */
export function respelledLongFile(
  source: PositionalSource,
  options: ReadOptions,
  scratch: ColumnScratch,
): boolean {
  const head = bytesOf(source, 0, Math.min(RESPELLED_HEAD, source.size), scratch);
  if (!head.includes(QUOTE) && !head.includes(CARRIAGE_RETURN)) return false;
  const header = respelledHeader(head, head.length === source.size, options);
  return header !== undefined && header.layout.symbol >= 0;
}

/**
 * A long file's symbols and where each one's rows lie, when its rows come a symbol at a time, each symbol
 * once, each symbol's times of one kind (epoch numbers or not, as readSeries takes one kind a file);
 * undefined for a file with fewer than two symbols or another layout (rows by date, then symbol: see
 * shareSymbolRuns). Reads a few rows per symbol.
 *
 * @example
 * cutBySymbol(source, header, scratch)?.map((one) => one.symbol) // ["AAPL", "MSFT", ...]
 */
export function cutBySymbol(
  source: PositionalSource,
  header: Header,
  scratch: ColumnScratch,
  sizes = CUT_SIZES,
): { symbol: string; rows: SymbolRows }[] | undefined {
  const finder = new RowFinder(source, header, scratch, sizes);
  const cuts: { symbol: string; rows: SymbolRows }[] = [];
  const seen = new Set<string>();
  let guess = sizes.guess;
  let row = finder.at(header.body);
  let epoch: boolean | undefined;
  while (row !== "end") {
    // A symbol the API's rule refuses is left to readSeries, which names its row (once a symbol, here).
    if (row === "refused" || seen.has(row.symbol) || cuts.length === MOST_SYMBOLS) return undefined;
    if (!SYMBOL_SHAPE.test(row.symbol)) return undefined;
    epoch ??= row.epoch;
    if (row.epoch !== epoch) return undefined;
    seen.add(row.symbol);
    const next = finder.after(row, guess);
    if (next === "refused") return undefined;
    const to = next === "end" ? source.size : next.start;
    cuts.push({ symbol: row.symbol, rows: { from: row.start, to, header } });
    guess = Math.max(sizes.look, to - row.start);
    row = next;
  }
  return cuts.length < 2 ? undefined : cuts;
}

/**
 * A symbol's rows (cutBySymbol) read into columns, or undefined when one of them is another symbol's
 * (the file is not cut as it seemed) or the column reader does not take them. Reads only those bytes.
 *
 * @example
 * readSymbolRows(source, cuts[0].rows, cuts[0].symbol, scratch)?.length // bars of the file's first symbol
 */
export function readSymbolRows(
  source: PositionalSource,
  rows: SymbolRows,
  symbol: string,
  scratch: ColumnScratch,
): ColumnSeries | undefined {
  const bytes = bytesOf(source, rows.from, rows.to - rows.from, scratch);
  if (bytes.length < rows.to - rows.from || holdsQuoteOrReturn(bytes)) return undefined;
  const header = { ...rows.header, body: 0 };
  const runs = symbolRuns(bytes, header);
  if (runs === undefined || runs.count !== 1 || runs.symbols[0] !== symbol) return undefined;
  return readRange(bytes, header, 0, bytes.length, scratch);
}
