// A part of one long file read into columns from its own bytes: the header's lines and the part's rows
// (with the lead its first windows reach back to), read where they lie. Every thread scanning a part once
// read the whole file: N parts of a 16 MB file made N copies of it in fresh memory, and a file past the
// largest Buffer could not be cut at all.

import { NEWLINE } from "./char-codes";
import { type Header, headerOf, holdsQuoteOrReturn, readRange } from "./column-reader";
import type { ColumnScratch } from "./column-scratch";
import type { ColumnSeries } from "./column-series";
import { PIECE_BYTES } from "./pieces";
import { SEPARATOR_GUESS_LINES } from "./rows";
import type { ReadOptions } from "./series";

/** A file read at any position. */
export interface PositionalSource {
  readonly size: number;
  /** Reads up to `length` bytes from the file's byte `position` into `into` at `at`; returns how many. */
  readAt(into: Uint8Array, at: number, length: number, position: number): number;
}

/**
 * Bytes in memory as a PositionalSource.
 *
 * @example
 * bytesAt(Buffer.from("Date,Close\n")).size // 11
 */
export function bytesAt(bytes: Uint8Array): PositionalSource {
  return {
    size: bytes.length,
    readAt(into, at, length, position) {
      const end = Math.min(bytes.length, position + length);
      if (end <= position) return 0;
      into.set(bytes.subarray(position, end), at);
      return end - position;
    },
  };
}

/** A part of a file's rows: from and to as fractions (0 to 1) of the rows' bytes, cut at line starts. */
export interface FilePart {
  from: number;
  to: number;
}

/**
 * Bytes read first around a cut, before it (for the lead's lines) and after it (for the next line start):
 * doubled until the lines are found. 37 lines of a common bar file are about 2 KB.
 */
const MARGIN_BYTES = 64 << 10;

/**
 * Reads `into`'s length of `source` from byte `position` on, as many reads as it takes; returns how many
 * bytes it read (fewer at the file's end). More than PIECE_BYTES go through a piece kept for the thread and
 * are copied on from there: this machine's kernel writing straight into fresh memory left every page slow
 * at its first touch after. A 163 MB file into fresh shared memory, then one pass over it (Buffer's
 * includes), 4 alternating pairs in new processes: 659 to 687 ms straight, 458 to 473 through the piece
 * (the read alike, about 460 ms; the pass 200 ms against 5).
 */
export function readFully(source: PositionalSource, into: Uint8Array, position: number): number {
  if (into.length <= PIECE_BYTES) return readStraight(source, into, position);
  readPiece ??= new Uint8Array(PIECE_BYTES);
  let read = 0;
  while (read < into.length) {
    const wanted = Math.min(PIECE_BYTES, into.length - read);
    const got = readStraight(source, readPiece.subarray(0, wanted), position + read);
    into.set(readPiece.subarray(0, got), read);
    read += got;
    if (got < wanted) break;
  }
  return read;
}

/** readFully's piece, made at its first long read. */
let readPiece: Uint8Array | undefined;

/** readFully straight into `into`. */
function readStraight(source: PositionalSource, into: Uint8Array, position: number): number {
  let read = 0;
  for (let got = 1; read < into.length && got > 0; read += got)
    got = source.readAt(into, read, into.length - read, position + read);
  return read;
}

/** The bytes [position, position + length) of `source`, in `scratch`'s piece (valid until it is reused). */
export function bytesOf(
  source: PositionalSource,
  position: number,
  length: number,
  scratch: ColumnScratch,
): Buffer {
  if (scratch.piece.length < length) scratch.piece = Buffer.allocUnsafeSlow(length);
  return scratch.piece.subarray(0, readFully(source, scratch.piece.subarray(0, length), position));
}

/**
 * The file's header from its first bytes (as many as its header lines take), or undefined (see headerOf;
 * `symbols`: a Symbol column taken).
 */
export function headerAt(
  source: PositionalSource,
  options: ReadOptions,
  scratch: ColumnScratch,
  margin: number,
  symbols = false,
) {
  for (let length = margin; ; length *= 2) {
    const wanted = Math.min(length, source.size);
    const head = bytesOf(source, 0, wanted, scratch);
    // The whole file, or all of it there is (one that shrank while it was read).
    const complete = wanted === source.size || head.length < wanted;
    let end = -1;
    for (let line = 0; line <= SEPARATOR_GUESS_LINES && (line === 0 || end >= 0); line++)
      end = head.indexOf(NEWLINE, end + 1);
    if (end >= 0 || complete) {
      // Its own lines only: the rows after them are the parts'.
      const lines = end >= 0 ? head.subarray(0, end + 1) : head;
      return holdsQuoteOrReturn(lines) ? undefined : headerOf(lines, complete, options, symbols);
    }
  }
}

/** Where a part's rows lie in the file (byte offsets): its lead's start, its own first row's, its end. */
interface PartBytes {
  from: number;
  own: number;
  end: number;
}

/**
 * The first line start at or after `at` (not before `body`) in `bytes`, which hold the file from `offset`
 * on (to its end when `ended`); undefined when they end before one is found.
 */
function lineStart(bytes: Buffer, offset: number, at: number, body: number, ended: boolean) {
  if (at <= body) return body;
  const newline = bytes.indexOf(NEWLINE, at - 1 - offset);
  if (newline >= 0) return offset + newline + 1;
  return ended ? offset + bytes.length : undefined;
}

/**
 * Where the `lines` non-empty lines before the line starting at `at` start (at most back to `body`), in
 * `bytes` (the file from `offset` on); undefined when the bytes start before all are found.
 */
function linesBefore(bytes: Buffer, offset: number, at: number, lines: number, body: number) {
  let start = at;
  for (let found = 0; found < lines && start > body; ) {
    const end = start - 1;
    const newline = end - 1 - offset < 0 ? -1 : bytes.lastIndexOf(NEWLINE, end - 1 - offset);
    // No newline in the bytes read: the line may start before them.
    if (newline < 0 && offset > body) return undefined;
    start = Math.max(body, offset + newline + 1);
    if (end > start) found++;
  }
  return start;
}

/**
 * Where part `part` of the rows after `body` lies, with a lead of `reach` lines: read `margin` bytes
 * around each cut, and twice as many until the lines are found; undefined when the file is shorter than its size said.
 */
function partBytes(
  source: PositionalSource,
  body: number,
  part: FilePart,
  reach: number,
  scratch: ColumnScratch,
  margin: number,
): PartBytes | undefined {
  const rows = source.size - body;
  const target = (fraction: number) => body + Math.floor(rows * fraction);
  const cut = (fraction: number) => {
    if (fraction >= 1) return source.size;
    const at = target(fraction);
    const offset = Math.max(0, at - 1);
    for (let length = margin; ; length *= 2) {
      const bytes = bytesOf(source, offset, length, scratch);
      const found = lineStart(bytes, offset, at, body, bytes.length < length);
      if (found !== undefined) return found;
    }
  };
  const own = cut(part.from);
  const end = cut(part.to);
  for (let length = margin; ; length *= 2) {
    const offset = Math.max(body, own - length);
    const bytes = bytesOf(source, offset, own - offset, scratch);
    // A file that shrank while it was read: read whole instead.
    if (bytes.length < own - offset) return undefined;
    const from = linesBefore(bytes, offset, own, reach, body);
    if (from !== undefined) return { from, own, end };
  }
}

/**
 * A part of a file read into columns, led by the `lead` bars before it that its first windows reach back
 * to (at most `reach`), so that scanning the part finds the windows ending at its own bars; the lead is
 * checked like the rest, so every pair of neighbouring bars is checked by some part. Only the header's
 * lines and the part's bytes are read. Undefined when those bytes are not the common case the column
 * reader takes (a quote, a carriage return, ...): the caller then reads the whole file, as it would alone.
 * `margin`: the bytes read first around each cut (MARGIN_BYTES; tests take fewer).
 *
 * @example
 * readColumnsPart(bytesAt(file), { symbol: "SPX" }, { from: 0.5, to: 1 }, 37) // { series, lead: 37 }
 */
export function readColumnsPart(
  source: PositionalSource,
  options: ReadOptions,
  part: FilePart,
  reach: number,
  scratch: ColumnScratch,
  margin = MARGIN_BYTES,
): { series: ColumnSeries; lead: number } | undefined {
  const header: Header | undefined = headerAt(source, options, scratch, margin);
  if (header === undefined) return undefined;
  const where = partBytes(source, header.body, part, reach, scratch, margin);
  if (where === undefined) return undefined;
  const { from, own, end } = where;
  const bytes = bytesOf(source, from, end - from, scratch);
  if (bytes.length < end - from || holdsQuoteOrReturn(bytes)) return undefined;
  const lead = from === own ? 0 : (readRange(bytes, header, 0, own - from, scratch)?.length ?? 0);
  const series = readRange(bytes, header, 0, bytes.length, scratch);
  return series && { series, lead };
}
