// The column reader over a file read a piece at a time into one reused buffer: a file read whole lands in
// fresh memory, and on our machines touching fresh memory cost more than reading the rows in it (16 MB
// read whole: 66-78 ms of CPU, nearly all in the kernel; a MiB at a time: 7 ms).

import { NEWLINE } from "./char-codes";
import { type Header, headerOf, quotedSeparator, textStart } from "./column-reader";
import type { ColumnScratch } from "./column-scratch";
import type { ColumnSeries } from "./column-series";
import { jsonSpaceEnd, startsJsonArray } from "./json-rows";
import { type ByteSource, PIECE_BYTES, Pieces } from "./pieces";
import { mostBars } from "./row-layout";
import type { ModuleRows } from "./row-module";
import type { RowReader } from "./row-reader";
import { SEPARATOR_GUESS_LINES } from "./rows";
import type { ReadOptions } from "./series";

/**
 * The first read's bytes, for a file of several pieces. A process's first rows are read by slow first-tier
 * code until the compiler's code for the row loop is ready (~30-50 ms of compiling, on another thread),
 * and a whole first piece was read that slowly (its 1 MiB took ~45 ms, the next ~4 ms each). These bytes are
 * enough for the loop to be found hot; the wait for its code then goes to making the columns' memory and
 * the piece's (ColumnScratch.prepare), which the rows would otherwise make as they are read.
 */
const FIRST_READ_BYTES = 64 << 10;

/** The bytes of a byte order mark (UTF-8's), read before a file's first bytes are looked at. */
const BYTE_ORDER_MARK = 3;

/** The bytes held, not yet taken as rows. */
const held = (pieces: Pieces): Buffer => pieces.buffer.subarray(0, pieces.filled);

/** Whether bytes[0, filled) hold the header and the lines the separator is guessed from. */
function headerLinesIn(bytes: Buffer, filled: number): boolean {
  let end = -1;
  for (let line = 0; line <= SEPARATOR_GUESS_LINES; line++) {
    end = bytes.indexOf(NEWLINE, end + 1);
    if (end < 0 || end >= filled) return false;
  }
  return true;
}

/**
 * The bars a file of several pieces likely holds, `bytes` after its header at `body`, at the length of the
 * first read's lines, with a margin (the reader's columns grow if the rows get shorter). Columns sized by
 * the shortest possible row held 2.5 times the 300,000 bars of the bench's file, and V8 counts all of it
 * (11.8 MB) as external memory: a Mark-Compact in every such run (~10 ms, and OSR code compiled again).
 */
function likelyBars(pieces: Pieces, body: number, bytes: number): number | undefined {
  const read = pieces.buffer.subarray(body, pieces.filled);
  let lines = 0;
  for (let at = read.indexOf(NEWLINE); at >= 0; at = read.indexOf(NEWLINE, at + 1)) lines++;
  return lines === 0 ? undefined : Math.ceil(((bytes * lines) / read.length) * 1.25);
}

/**
 * After a file's first read (FIRST_READ_BYTES): makes the memory the rest is likely to need, the columns for
 * the bars `bytes` hold at the length of the `read` bytes' rows (a little short of it: memory made for bars
 * never read is a loss), and the piece's bytes not read into yet.
 */
function prepareAhead(scratch: ColumnScratch, rows: RowReader, pieces: Pieces, read: number, bytes: number) {
  if (rows.bars <= 0) return;
  scratch.prepare(rows.bars, Math.floor(((bytes * rows.bars) / read) * 0.95), rows.volumes());
  pieces.buffer.fill(0, pieces.filled);
}

/**
 * readColumns of the file `source` reads, without holding it whole: the same series, or undefined when
 * readColumns would give undefined (then read the file whole, for readSeries).
 *
 * @example
 * readColumnsFrom(fileSource("spx.csv"), { symbol: "SPX" }, scratch)?.length // 5105
 */
export function readColumnsFrom(
  source: ByteSource,
  options: ReadOptions,
  scratch: ColumnScratch,
): ColumnSeries | undefined {
  const pieces = new Pieces(source, scratch);
  let prepare = source.size > 2 * PIECE_BYTES;
  // The first bytes past a byte order mark and white space: a JSON array of bars is read as the CSV lines
  // of its bars (as columnBytes reads a whole one).
  do pieces.more(prepare ? FIRST_READ_BYTES : undefined);
  while (
    !pieces.ended &&
    (pieces.filled < BYTE_ORDER_MARK || jsonSpaceEnd(held(pieces), textStart(held(pieces))) === pieces.filled)
  );
  const start = textStart(held(pieces));
  if (startsJsonArray(held(pieces), start) && (options.delimiter ?? ",") === "," && !options.dateFormat) {
    pieces.asJson(start);
    pieces.more(prepare ? FIRST_READ_BYTES : undefined);
  } else pieces.asCsv();
  // The header and the lines the separator is guessed from, however long they are.
  while (!pieces.ended && !headerLinesIn(pieces.buffer, pieces.filled))
    pieces.more(prepare ? FIRST_READ_BYTES : undefined);
  if (pieces.tainted) return undefined;
  // Quoted cells in the head: unquoted around the separator readSeries reads the file with, which the head
  // without its quotes must give too.
  const quotedBy = pieces.quoted ? quotedSeparator(held(pieces), pieces.ended, options) : undefined;
  if (pieces.quoted) {
    if (quotedBy === undefined) return undefined;
    pieces.unquote(quotedBy, textStart(pieces.buffer));
    if (pieces.tainted) return undefined;
  }
  const header: Header | undefined = headerOf(held(pieces), pieces.ended, options);
  // (No file we could write is unquoted around one separator and guessed another: a guard, not a case.)
  if (header === undefined || (quotedBy !== undefined && header.sep !== quotedBy)) return undefined;
  // Quotes first met in a later piece are taken out as it is read.
  if (quotedBy === undefined) pieces.unquote(header.sep, header.body);
  if (pieces.tainted) return undefined;
  const bytes = source.size - header.body;
  // The most bars the file's size allows (a file growing while it is read may hold more: declined).
  const most = mostBars(header.layout, bytes);
  const likely = prepare ? likelyBars(pieces, header.body, pieces.lineBytes - header.body) : undefined;
  const module = scratch.moduleRows(header, Math.min(likely ?? Number.POSITIVE_INFINITY, most));
  if (module !== undefined) return readByModule(pieces, header.body, most, module);
  const rows = scratch.rowReader(header, bytes, likely);
  let from = header.body;
  for (;;) {
    // Whole lines only, but for the file's last.
    const lastLine = pieces.ended ? pieces.filled : pieces.buffer.lastIndexOf(NEWLINE, pieces.filled - 1) + 1;
    const taken = Math.max(from, lastLine);
    if (!rows.read(pieces.buffer, from, taken)) {
      // Columns sized by likelyBars, full: larger ones, and on from the row that did not fit; not past
      // the most bars.
      if (rows.fullAt < 0 || scratch.closes.length >= most) return undefined;
      from = rows.fullAt;
      scratch.grow(rows, most);
      continue;
    }
    if (pieces.ended) return scratch.seriesOf(rows);
    if (prepare) {
      prepare = false;
      prepareAhead(scratch, rows, pieces, taken - header.body, pieces.lineBytes - header.body);
    }
    pieces.drop(taken);
    from = 0;
    pieces.more();
    if (pieces.tainted) return undefined;
  }
}

/**
 * readColumnsFrom's rows read by the WebAssembly reader (row-module.ts), which needs no compiling while it
 * reads: undefined where the JavaScript reader declines the file.
 */
function readByModule(
  pieces: Pieces,
  body: number,
  most: number,
  rows: ModuleRows,
): ColumnSeries | undefined {
  let from = body;
  for (;;) {
    const lastLine = pieces.ended ? pieces.filled : pieces.buffer.lastIndexOf(NEWLINE, pieces.filled - 1) + 1;
    const taken = Math.max(from, lastLine);
    if (rows.read(pieces.buffer, from, taken, most) === "declined") return undefined;
    if (pieces.ended) return rows.series();
    pieces.drop(taken);
    from = 0;
    pieces.more();
    if (pieces.tainted) return undefined;
  }
}
