// The column reader over a file read a piece at a time into one reused buffer: a file read whole lands in
// fresh memory, and on our machines touching fresh memory cost more than reading the rows in it (16 MB
// read whole: 66-78 ms of CPU, nearly all in the kernel; a MiB at a time: 7 ms).

import { NEWLINE, QUOTE } from "./char-codes";
import { type Header, headerOf, quotedSeparator, textStart } from "./column-reader";
import type { ColumnScratch } from "./column-scratch";
import type { ColumnSeries } from "./column-series";
import { JsonRows, jsonSpaceEnd, startsJsonArray } from "./json-rows";
import { LineEnds } from "./line-ends";
import { QuotedCells } from "./quotes";
import { mostBars } from "./row-layout";
import type { ModuleRows } from "./row-module";
import type { RowReader } from "./row-reader";
import { SEPARATOR_GUESS_LINES } from "./rows";
import type { ReadOptions } from "./series";

/** Bytes read at a time; a line longer than this grows the buffer. */
export const PIECE_BYTES = 1 << 20;

/**
 * The first read's bytes, for a file of several pieces. A process's first rows are read by slow first-tier
 * code until the compiler's code for the row loop is ready (~30-50 ms of compiling, on another thread),
 * and a whole first piece was read that slowly (its 1 MiB took ~45 ms, the next ~4 ms each). These bytes are
 * enough for the loop to be found hot; the wait for its code then goes to making the columns' memory and
 * the piece's (ColumnScratch.prepare), which the rows would otherwise make as they are read.
 */
const FIRST_READ_BYTES = 64 << 10;

/** A file read in order, a piece at a time. */
export interface ByteSource {
  /**
   * The file's size in bytes: sizes the columns (a file found to hold more rows than its size allows, as one
   * growing while it is read may, is declined).
   */
  readonly size: number;
  /** Reads up to `length` more bytes into `into` at `at`; returns how many, 0 at the end. */
  read(into: Uint8Array, at: number, length: number): number;
}

/** The JSON text of a file read as JSON bars (Pieces.asJson), reused from file to file. */
let jsonText = Buffer.alloc(0);

/** The bytes of a byte order mark (UTF-8's), read before a file's first bytes are looked at. */
const BYTE_ORDER_MARK = 3;

/** Room for the CSV header a JSON file's lines start with (json-rows.ts), and more. */
const HEADER_ROOM = 64;
/**
 * The least room a JSON file's lines are written into: a bar object longer than this less HEADER_ROOM
 * (none of ours comes near) leaves the file to readSeries.
 */
const JSON_ROOM = 16 << 10;

/** The bytes of a source read so far and not yet taken as rows, in the scratch's piece buffer. */
class Pieces {
  buffer: Buffer;
  filled = 0;
  ended = false;
  /** A carriage return other than a CR LF file's, or a quote not around a cell, was read: the file is readSeries'. */
  tainted = false;
  /** A quote was read before `unquote`: the bytes held are unquoted when it is called. */
  quoted = false;
  /** The file's first bytes are held as read, until asCsv or asJson says how the file is read. */
  private first = true;
  /** The CRs of a file of CR LF breaks, taken out as each piece is read. */
  private readonly lineEnds = new LineEnds();
  /** The quotes around quoted cells, taken out as each piece is read once the separator is known. */
  private quotes: QuotedCells | undefined;
  /** A JSON file's bars, respelled as CSV lines (json-rows.ts) from its text read into `raw`. */
  private json:
    | { rows: JsonRows; raw: Buffer; held: number; ended: boolean; taken: number; written: number }
    | undefined;

  constructor(
    private readonly source: ByteSource,
    private readonly scratch: ColumnScratch,
  ) {
    if (scratch.piece.length < PIECE_BYTES) scratch.piece = Buffer.allocUnsafeSlow(PIECE_BYTES);
    this.buffer = scratch.piece;
  }

  /** Reads once more after what is held, at most `most` bytes (a buffer twice the size when it is full). */
  more(most = Number.POSITIVE_INFINITY): void {
    // JSON bars are written a whole line at a time: room for a long one.
    const full = this.json
      ? this.buffer.length - this.filled < JSON_ROOM
      : this.filled === this.buffer.length;
    if (full) {
      const larger = Buffer.allocUnsafeSlow(2 * this.buffer.length);
      this.buffer.copy(larger, 0, 0, this.filled);
      this.buffer = larger;
      this.scratch.piece = larger;
    }
    const room = Math.min(most, this.buffer.length - this.filled);
    const got = this.json ? this.jsonLines(room) : this.source.read(this.buffer, this.filled, room);
    const { lineEnds, quotes } = this;
    if (this.json !== undefined || this.first) {
      // CSV lines made here (LF breaks, no quotes), or a file's first bytes, kept as they are.
      this.filled += got;
      if (got === 0) this.ended = true;
    } else if (got === 0) {
      this.ended = true;
      lineEnds.end();
      quotes?.end();
    } else {
      const from = this.filled;
      this.filled = lineEnds.strip(this.buffer, from, from + got);
      if (quotes !== undefined) this.filled = quotes.strip(this.buffer, from, this.filled);
      else if (this.buffer.subarray(from, this.filled).includes(QUOTE)) this.quoted = true;
    }
    if (lineEnds.refused || quotes?.refused) this.tainted = true;
  }

  /**
   * Takes the quotes around quoted cells, read with `separator`, out of the bytes held from `from` on (after
   * a byte order mark) and out of every piece read after.
   */
  unquote(separator: number, from: number): void {
    const quotes = new QuotedCells(separator);
    this.filled = quotes.strip(this.buffer, from, this.filled);
    if (this.ended) quotes.end();
    if (quotes.refused) this.tainted = true;
    this.quotes = quotes;
  }

  /**
   * Reads the rest of the file as a CSV file: the bytes held, read as they are (`first`), and every piece
   * after go through the line ends' and quotes' stages.
   */
  asCsv(): void {
    this.first = false;
    const { filled, ended, lineEnds } = this;
    this.filled = lineEnds.strip(this.buffer, 0, filled);
    if (this.buffer.subarray(0, this.filled).includes(QUOTE)) this.quoted = true;
    if (ended) lineEnds.end();
    if (lineEnds.refused) this.tainted = true;
  }

  /**
   * Reads the rest of the file as a JSON array of bars, its text from `from` on held already: what is held
   * and read from now on is respelled as the CSV lines of its bars (jsonAsCsv's, a piece at a time).
   */
  asJson(from: number): void {
    this.first = false;
    const held = this.filled - from;
    if (jsonText.length < Math.max(held, PIECE_BYTES))
      jsonText = Buffer.allocUnsafeSlow(Math.max(held, PIECE_BYTES));
    this.buffer.copy(jsonText, 0, from, this.filled);
    this.json = { rows: new JsonRows(), raw: jsonText, held, ended: this.ended, taken: 0, written: 0 };
    this.filled = 0;
    this.ended = false;
  }

  /**
   * The bytes a file's text read as JSON bars (asJson) would take up as CSV lines, at the share of them
   * the lines written so far take; the file's size before any are.
   */
  get lineBytes(): number {
    const json = this.json;
    if (json === undefined || json.taken === 0) return this.source.size;
    return Math.ceil((this.source.size * json.written) / json.taken);
  }

  /**
   * Writes at `filled` the CSV lines of the whole bar objects of the JSON text held and read now, at most
   * `room` bytes; returns how many: 0 at the end of the file, or when it is refused (tainted).
   */
  private jsonLines(room: number): number {
    // biome-ignore lint/style/noNonNullAssertion: called only once asJson has begun.
    const json = this.json!;
    for (;;) {
      // A line is never longer than its object: text up to the room left (less the header) fits.
      const space = Math.min(json.raw.length, room - HEADER_ROOM) - json.held;
      if (!json.ended && space > 0) {
        const got = this.source.read(json.raw, json.held, space);
        if (got === 0) json.ended = true;
        json.held += got;
      }
      const text = json.raw.subarray(0, json.held);
      const { taken, written } = json.rows.convert(text, json.ended, this.buffer, this.filled, room);
      json.raw.copyWithin(0, taken, json.held);
      json.held -= taken;
      json.taken += taken;
      json.written += written;
      if (json.rows.refused) {
        this.tainted = true;
        return 0;
      }
      if (written > 0 || json.ended) return written;
      // An object longer than the room: the file is readSeries'.
      if (space <= 0) {
        this.tainted = true;
        return 0;
      }
    }
  }

  /** Drops the bytes before `at` (rows taken), keeping the rest at the buffer's start. */
  drop(at: number): void {
    this.buffer.copyWithin(0, at, this.filled);
    this.filled -= at;
  }
}

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
