// A long file of many series (a Symbol column, the series of each symbol in its own run of rows, as a
// file per symbol joined one after another) read into columns a symbol at a time: its rows are cut into a
// block per symbol here, and each block is read by the column reader as a file of one series is. A file
// whose symbols come back after another's (rows by date, then symbol), or that the column reader does not
// take, is left to readSeries, which groups rows by symbol in order of first appearance.
// biome-ignore-all lint/style/noNonNullAssertion: positions stay below the file's length.

import { NEWLINE } from "./char-codes";
import { type ColumnScratch, type Header, headerOf, holdsQuoteOrReturn, readRange } from "./column-reader";
import type { ColumnSeries } from "./column-series";
import type { ReadOptions } from "./series";
import { EPOCH_SECONDS } from "./time-shape";

/** One symbol's run of rows: file[from, to), whole lines. */
export interface SymbolBlock {
  symbol: string;
  from: number;
  to: number;
}

/** The first byte that is not ASCII: a symbol with one is left to readSeries, which decodes the whole text. */
const NOT_ASCII = 0x80;

/** Whether file[a, a + length) and file[b, b + length) hold the same bytes. */
function sameBytes(file: Buffer, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (file[a + i] !== file[b + i]) return false;
  return true;
}

/**
 * The runs of rows of each symbol in the rows after `header` (whose layout has a Symbol column), in the
 * file's order; undefined when a symbol's rows are not all in one run, or a row has no Symbol cell or an
 * empty one, or a symbol is not ASCII (readSeries then reads the file, and says what is wrong).
 *
 * @example
 * symbolBlocks(Buffer.from("Symbol,Date,Close\nA,2020-01-02,1\nB,2020-01-02,2\n"), header) // A's row, B's row
 */
export function symbolBlocks(file: Buffer, header: Header): SymbolBlock[] | undefined {
  const { sep } = header;
  const column = header.layout.symbol;
  const blocks: SymbolBlock[] = [];
  const seen = new Set<string>();
  // The run being read: where it starts, and where its first row's symbol lies.
  let runFrom = -1;
  let symbolAt = 0;
  let symbolLength = 0;
  for (let pos = header.body; pos < file.length; ) {
    const newline = file.indexOf(NEWLINE, pos);
    const lineEnd = newline < 0 ? file.length : newline;
    // An empty line is skipped, as readSeries skips it.
    if (lineEnd === pos) {
      pos++;
      continue;
    }
    let cell = pos;
    for (let k = 0; k < column; k++) {
      const at = file.indexOf(sep, cell);
      if (at < 0 || at >= lineEnd) return undefined;
      cell = at + 1;
    }
    let cellEnd = cell;
    while (cellEnd < lineEnd && file[cellEnd] !== sep) cellEnd++;
    const length = cellEnd - cell;
    if (length === 0) return undefined;
    if (runFrom < 0 || length !== symbolLength || !sameBytes(file, cell, symbolAt, length)) {
      if (runFrom >= 0)
        blocks.push({
          symbol: file.toString("latin1", symbolAt, symbolAt + symbolLength),
          from: runFrom,
          to: pos,
        });
      for (let i = cell; i < cellEnd; i++) if (file[i]! >= NOT_ASCII) return undefined;
      const symbol = file.toString("latin1", cell, cellEnd);
      if (seen.has(symbol)) return undefined;
      seen.add(symbol);
      runFrom = pos;
      symbolAt = cell;
      symbolLength = length;
    }
    pos = lineEnd + 1;
  }
  if (runFrom < 0) return undefined;
  blocks.push({
    symbol: file.toString("latin1", symbolAt, symbolAt + symbolLength),
    from: runFrom,
    to: file.length,
  });
  return blocks;
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
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (holdsQuoteOrReturn(file)) return false;
  const header = headerOf(file, true, options, true);
  if (header === undefined || header.layout.symbol < 0) return false;
  const blocks = symbolBlocks(file, header);
  if (blocks === undefined) return false;
  let epoch: boolean | undefined;
  for (const { symbol, from, to } of blocks) {
    const series = readRange(file, header, from, to, scratch);
    if (series === undefined) return false;
    epoch ??= epochTimes(series);
    if (epochTimes(series) !== epoch) return false;
    use(symbol, series);
  }
  return true;
}
