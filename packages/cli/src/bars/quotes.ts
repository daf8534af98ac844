// Cells in quotes (R's write.csv quotes the header and every text column; other exporters quote every cell)
// read by the column reader as the same cells without them: readSeries (Papa Parse) gives a quoted cell's
// text without its quotes, so when no quoted cell holds the separator, a quote or a line break, the file's
// rows are the rows of the file with its quotes taken out. Any other quote (inside a cell, a doubled one,
// one around a separator or a line break) leaves the file to readSeries as before. Line breaks are LF here:
// a file of CR LF breaks has its CRs taken out first (line-ends.ts).

import { NEWLINE, QUOTE } from "./char-codes";
import { CHUNK_BYTES } from "./line-ends";

/**
 * Takes the quotes around quoted cells out of a file read in pieces, in place, once its separator is known;
 * `refused` when a quote is not one around a cell as above (the file is then readSeries').
 *
 * @example
 * const cells = new QuotedCells(",".charCodeAt(0));
 * const bytes = Buffer.from('"Date","Close"\n"2020-01-02",1\n');
 * bytes.subarray(0, cells.strip(bytes, 0, bytes.length)).toString() // "Date,Close\n2020-01-02,1\n"
 */
export class QuotedCells {
  /** Between a cell's opening quote and its closing one. */
  private inside = false;
  /** A quote closed a cell at the end of the bytes stripped: the next byte must end the cell. */
  private closed = false;
  /** The last byte kept was the separator or a line break, or none was kept: a quote here opens a cell. */
  private atCellStart = true;
  /** The file is not one the column reader reads (see the header). */
  refused = false;

  constructor(private readonly separator: number) {}

  /**
   * Strips bytes[from, to), the next piece of the file, moving the bytes after each quote taken out down;
   * returns where the piece now ends.
   */
  strip(bytes: Uint8Array, from: number, to: number): number {
    if (this.refused || from === to) return to;
    // The common piece, without a quote and outside one: one native search, no byte moved.
    if (!this.inside && !this.closed && !bytes.subarray(from, to).includes(QUOTE)) {
      const last = bytes[to - 1];
      this.atCellStart = last === NEWLINE || last === this.separator;
      return to;
    }
    let at = from;
    for (let read = from; read < to; read += CHUNK_BYTES) {
      at = this.stripChunk(bytes, read, Math.min(to, read + CHUNK_BYTES), at);
      if (at < 0) {
        this.refused = true;
        return to;
      }
    }
    return at;
  }

  /** At the file's end: a cell still open has no closing quote. */
  end(): void {
    if (this.inside) this.refused = true;
  }

  /**
   * strip's loop over bytes[from, to), writing the bytes kept from `at` on: returns where they end, or -1
   * for a quote that is not one around a cell. Called for each CHUNK_BYTES, so the compiler takes it whole
   * once it is hot (line-ends.ts's CHUNK_BYTES says why).
   */
  private stripChunk(bytes: Uint8Array, from: number, to: number, at: number): number {
    const { separator } = this;
    // A closing quote ended the last chunk: this one must start by ending the cell.
    if (this.closed && bytes[from] !== separator && bytes[from] !== NEWLINE) return -1;
    this.closed = false;
    let inside = this.inside;
    let write = at;
    for (let i = from; i < to; i++) {
      // biome-ignore lint/style/noNonNullAssertion: i is below to <= bytes.length.
      const byte = bytes[i]!;
      // The common byte, a cell's text in quotes or not (digits, letters, "-", ":", "."), in one test: about
      // 1 ns a byte, where testing the state first took 2.7.
      if (byte > QUOTE && byte !== separator) {
        bytes[write++] = byte;
        continue;
      }
      if (byte === QUOTE) {
        if (inside) {
          // A closing quote: the cell must end right after it (a quote there is a doubled one).
          inside = false;
          if (i + 1 === to) this.closed = true;
          else if (bytes[i + 1] !== separator && bytes[i + 1] !== NEWLINE) return -1;
        } else {
          // An opening quote: the byte before must end a cell (the last byte kept: a quote taken out just
          // before this one was a closing quote, refused above).
          const before = write > at ? bytes[write - 1] : undefined;
          if (before === undefined ? !this.atCellStart : before !== separator && before !== NEWLINE)
            return -1;
          inside = true;
        }
        continue;
      }
      if (inside && (byte === separator || byte === NEWLINE)) return -1;
      bytes[write++] = byte;
    }
    this.inside = inside;
    if (write > at) this.atCellStart = bytes[write - 1] === separator || bytes[write - 1] === NEWLINE;
    return write;
  }
}

/**
 * Takes the quotes around a whole file's quoted cells out of bytes[from, ...) in place (QuotedCells; the
 * bytes before `from`, a byte order mark, stay); returns where its bytes now end, or undefined when a quote
 * is not one around a cell (the bytes are then partly moved: read the file again).
 *
 * @example
 * withoutQuotes(Buffer.from('"Date","Close"\n'), 0, ",".charCodeAt(0)) // 11
 */
export function withoutQuotes(bytes: Uint8Array, from: number, separator: number): number | undefined {
  const cells = new QuotedCells(separator);
  const end = cells.strip(bytes, from, bytes.length);
  cells.end();
  return cells.refused ? undefined : end;
}
