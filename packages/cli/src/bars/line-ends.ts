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
    if (this.style === LF) {
      if (bytes.subarray(from, to).includes(CARRIAGE_RETURN)) this.refused = true;
      return to;
    }
    let at = from;
    let afterReturn = this.heldReturn;
    this.heldReturn = false;
    for (let i = from; i < to; i++) {
      // biome-ignore lint/style/noNonNullAssertion: i is below to <= bytes.length.
      const byte = bytes[i]!;
      if (afterReturn && byte !== NEWLINE) return this.refuse(to);
      if (byte === CARRIAGE_RETURN) {
        afterReturn = true;
        continue;
      }
      if (byte === NEWLINE) {
        if (this.style === UNKNOWN) this.style = afterReturn ? CR_LF : LF;
        else if (!afterReturn) return this.refuse(to);
      }
      afterReturn = false;
      bytes[at++] = byte;
      // A file of LF breaks: the rest of the piece searched at once.
      if (this.style === LF)
        return bytes.subarray(i + 1, to).includes(CARRIAGE_RETURN) ? this.refuse(to) : to;
    }
    this.heldReturn = afterReturn;
    return at;
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
  if (room.piece.length < file.length) room.piece = Buffer.allocUnsafeSlow(file.length);
  const copy = room.piece;
  file.copy(copy);
  const ends = new LineEnds();
  const end = ends.strip(copy, 0, file.length);
  ends.end();
  return ends.refused ? undefined : copy.subarray(0, end);
}
