// The bytes of a series' output lines, written as the scan finds each detection: into chunks of memory
// that are left as they fill (no copy as the output grows) and cross from a worker thread without a copy.

import type { DetectionSink, PatternCode } from "@stock-patterns/core";

/**
 * Lines are written into chunks of this size, each left as it fills: no copy as the output grows (fresh
 * memory is slow to touch here: growing one buffer by doubling measured 150 ms for 19 MB of lines).
 */
const CHUNK_BYTES = 1 << 20;
const NO_BYTES = Buffer.alloc(0);

/** A character past ASCII: without one, a string's Latin-1 bytes (a copy several times faster) are its UTF-8 bytes. */
const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * Prints a chunk of whole lines at once; true when its bytes are written by the time it returns (its
 * memory may then be written into again).
 */
export type LinePrinter = (chunk: Uint8Array) => unknown;

/** What a series' lines writer gives: its lines as byte chunks and how many detections it kept per code. */
export interface LinesWriter extends DetectionSink {
  readonly counts: Partial<Record<PatternCode, number>>;
  chunks(): Uint8Array[];
}

/**
 * A series' output lines as byte chunks of whole lines. A writer either writes a line's string (`line`)
 * or asks `room` for its size and writes the bytes into `out` from `at` itself.
 *
 * @example
 * const lines = new LineChunks();
 * lines.line("SPX,HS,head-and-shoulders\n");
 * lines.chunks() // [<Buffer 53 50 58 ...>]
 */
export class LineChunks {
  private readonly full: Uint8Array[] = [];

  /**
   * `print`, when given, takes each chunk as it fills (the lines before this series' are printed
   * already); when it says the bytes are written (true), the chunk's memory is written into again.
   */
  constructor(private readonly print?: LinePrinter) {}

  /** Not from Buffer's shared pool, so its memory may be handed to another thread; made at the first line. */
  out = NO_BYTES;
  /** Where the next line starts in `out`. */
  at = 0;

  /** Writes one line (its line feed included), UTF-8 encoded. */
  line(text: string): void {
    if (!NOT_ASCII.test(text)) {
      this.room(text.length);
      this.at += this.out.write(text, this.at, "latin1");
    } else {
      const size = Buffer.byteLength(text, "utf8");
      this.room(size);
      this.at += this.out.write(text, this.at, "utf8");
    }
  }

  /** Makes room for `size` more bytes in `out` from `at`: a new chunk when the current one is short of it. */
  room(size: number): void {
    if (this.at + size <= this.out.length) return;
    const { print } = this;
    const filled = this.out.subarray(0, this.at);
    this.at = 0;
    if (filled.length > 0 && print !== undefined) {
      // Written already: its memory takes the next lines (fresh memory is the slow part here).
      if (print(filled) === true && size <= this.out.length) return;
    } else if (filled.length > 0) this.full.push(filled);
    this.out = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, size));
  }

  /** The lines so far, in chunks of whole lines. */
  chunks(): Uint8Array[] {
    return this.at > 0 ? [...this.full, this.out.subarray(0, this.at)] : [...this.full];
  }
}
