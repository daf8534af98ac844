// A file's bytes read a piece at a time into one reused buffer (the scratch's), and made rows as they come:
// a CSV file's carriage returns and quotes taken out, a JSON file's bars respelled as CSV lines.

import { QUOTE } from "./char-codes";
import type { ColumnScratch } from "./column-scratch";
import { JsonRows } from "./json-rows";
import { LineEnds } from "./line-ends";
import { QuotedCells } from "./quotes";

/** Bytes read at a time; a line longer than this grows the buffer. */
export const PIECE_BYTES = 1 << 20;

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

/** Room for the CSV header a JSON file's lines start with (json-rows.ts), and more. */
const HEADER_ROOM = 64;
/**
 * The least room a JSON file's lines are written into: a bar object longer than this less HEADER_ROOM
 * (none of ours comes near) leaves the file to readSeries.
 */
const JSON_ROOM = 16 << 10;

/** The bytes of a source read so far and not yet taken as rows, in the scratch's piece buffer. */
export class Pieces {
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
