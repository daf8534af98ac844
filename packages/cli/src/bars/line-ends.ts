// Lines that end in CR LF (files written on Windows or saved from a spreadsheet) read by the column reader
// as the same lines ending in LF: readSeries (Papa Parse) cuts such a file at each CR LF, and its rows are
// then the rows of the file without the CRs. A file whose first line ends in LF, or one that mixes the two
// or holds a CR anywhere else, is left to readSeries as before.

import { CARRIAGE_RETURN, NEWLINE } from "./char-codes";

const UNKNOWN = 0;
const LF = 1;
const CR_LF = 2;

/**
 * Takes the CR out of each CR LF of a file read in pieces, in place: every line break must be CR LF once
 * the first one is, and a file of LF breaks must hold no CR (else `refused`: the file is readSeries').
 *
 * @example
 * const ends = new LineEnds();
 * const bytes = Buffer.from("Date,Close\r\n2020-01-02,1\r\n");
 * bytes.subarray(0, ends.strip(bytes, 0, bytes.length)).toString() // "Date,Close\n2020-01-02,1\n"
 */
export class LineEnds {
  private style = UNKNOWN;
  /** A piece ended in a CR: the next must start with LF. */
  private heldReturn = false;
  /** The file is not one the column reader reads (see the header). */
  refused = false;

  /**
   * Strips bytes[from, to), the next piece of the file, moving what follows each CR taken out down; returns
   * where the piece now ends. A CR at the piece's end is held back until the next piece (or the end: `end`).
   */
  strip(bytes: Uint8Array, from: number, to: number): number {
    // The common file, of LF breaks: one native search for a CR, no byte moved.
    if (this.style === LF) return this.lfPiece(bytes, from, to);
    let read = from;
    let at = from;
    if (this.style === UNKNOWN && !this.heldReturn) {
      // Nothing taken out yet: up to the first line break the bytes stay where they are.
      const found = firstBreak(bytes, from, to);
      if (found === REFUSED) return this.refuse(to);
      if (found === HELD_RETURN) {
        this.heldReturn = true;
        return to - 1;
      }
      if (found < 0) return to;
      if (found === from || bytes[found - 1] !== CARRIAGE_RETURN) {
        this.style = LF;
        return this.lfPiece(bytes, found + 1, to);
      }
      this.style = CR_LF;
      bytes[found - 1] = NEWLINE;
      read = found + 1;
      at = found;
    }
    while (read < to) {
      if (this.heldReturn) {
        // The CR before these bytes was taken out: its LF is kept.
        this.heldReturn = false;
        if (bytes[read] !== NEWLINE) return this.refuse(to);
        this.style = CR_LF;
        bytes[at++] = NEWLINE;
        read++;
        continue;
      }
      // In chunks: see CHUNK_BYTES.
      const end = Math.min(to, read + CHUNK_BYTES);
      const kept = stripCrLf(bytes, read, end, at);
      if (kept === REFUSED) return this.refuse(to);
      at = Math.floor(kept / FLAGS);
      this.heldReturn = kept % FLAGS === 1;
      read = end;
    }
    return at;
  }

  /** A piece of a file of LF breaks, bytes[from, to): left as it is, refused when it holds a CR. */
  private lfPiece(bytes: Uint8Array, from: number, to: number): number {
    if (bytes.subarray(from, to).includes(CARRIAGE_RETURN)) this.refused = true;
    return to;
  }

  /** At the file's end: a CR held back has no LF after it. */
  end(): void {
    if (this.heldReturn) this.refused = true;
  }

  private refuse(to: number): number {
    this.refused = true;
    return to;
  }
}

/**
 * A whole file's bytes with LF breaks: `file` itself when it holds no CR, else a copy without the CRs of
 * its CR LF breaks in `room.piece` (grown as needed; the file is left as it is, for readSeries), or
 * undefined when LineEnds refuses it.
 *
 * @example
 * linesEndingInLf(Buffer.from("Date,Close\r\n2020-01-02,1\r\n"), scratch)?.toString() // "Date,Close\n2020-01-02,1\n"
 */
export function linesEndingInLf(file: Buffer, room: { piece: Buffer }): Buffer | undefined {
  if (!file.includes(CARRIAGE_RETURN)) return file;
  const copy = copiedInto(file, room);
  const end = withoutReturns(copy);
  return end === undefined ? undefined : copy.subarray(0, end);
}

/**
 * A copy of `file` in `room.piece` (grown as needed), for a reader that changes the bytes it reads while
 * the file stays as it is, for readSeries.
 *
 * @example
 * copiedInto(Buffer.from("Date,Close\r\n"), scratch).length // 12
 */
export function copiedInto(file: Buffer, room: { piece: Buffer }): Buffer {
  if (room.piece.length < file.length) room.piece = Buffer.allocUnsafeSlow(file.length);
  const copy = room.piece.subarray(0, file.length);
  file.copy(copy);
  return copy;
}

/**
 * Takes the CRs of a whole file's CR LF breaks out of `bytes` in place (LineEnds); returns where its bytes
 * now end, or undefined when LineEnds refuses it (the bytes are then partly moved: read the file again).
 *
 * @example
 * withoutReturns(Buffer.from("Date,Close\r\n")) // 11
 */
export function withoutReturns(bytes: Uint8Array): number | undefined {
  const ends = new LineEnds();
  const end = ends.strip(bytes, 0, bytes.length);
  ends.end();
  return ends.refused ? undefined : end;
}

/** What the loops below answer besides positions. */
const HELD_RETURN = -2;
const REFUSED = -3;
/** stripCrLf's answer: where the bytes kept end, times FLAGS, plus 1 when the chunk ended in a CR. */
const FLAGS = 2;

/**
 * Bytes stripped at a time by one call of stripCrLf. A piece (1 MiB) stripped in one call ran its loop in
 * code compiled while the loop ran, before the code after it had run once, and that code sent it back to
 * the interpreter at the end of every piece (--trace-deopt). Called for each 64 KiB, it is compiled whole
 * once it is hot.
 */
export const CHUNK_BYTES = 1 << 16;

/**
 * Where the first line break's LF is in bytes[from, to), or -1 when there is none; REFUSED for a CR that
 * is not before an LF, HELD_RETURN when the bytes end in a CR (its LF may start the next).
 */
function firstBreak(bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const byte = bytes[i];
    if (byte === NEWLINE) return i;
    if (byte === CARRIAGE_RETURN) {
      if (i + 1 === to) return HELD_RETURN;
      if (bytes[i + 1] !== NEWLINE) return REFUSED;
    }
  }
  return -1;
}

/**
 * Takes the CR out of each CR LF in bytes[from, to) of a file of CR LF breaks, writing the bytes kept from
 * `at` on: stripCrLf's answer (above), or REFUSED for an LF alone or a CR not before an LF. One test a
 * byte for the common one (a byte loop testing a state kept from the byte before took 3.5 ns a byte, this
 * about 1).
 */
function stripCrLf(bytes: Uint8Array, from: number, to: number, at: number): number {
  let write = at;
  for (let i = from; i < to; i++) {
    // biome-ignore lint/style/noNonNullAssertion: i is below to <= bytes.length.
    const byte = bytes[i]!;
    if (byte <= CARRIAGE_RETURN) {
      if (byte === CARRIAGE_RETURN) {
        if (i + 1 === to) return write * FLAGS + 1;
        if (bytes[i + 1] !== NEWLINE) return REFUSED;
        bytes[write++] = NEWLINE;
        i++;
        continue;
      }
      if (byte === NEWLINE) return REFUSED;
    }
    bytes[write++] = byte;
  }
  return write * FLAGS;
}
