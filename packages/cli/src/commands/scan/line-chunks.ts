// The bytes of a series' output lines, written as the scan finds each detection: into chunks of memory
// that are left as they fill (no copy as the output grows) and cross from a worker thread without a copy.

import type { Detection, DetectionSink, PatternCode } from "@stock-patterns/core";
import { THREAD_SLOTS } from "../../output-slots";

const NO_BYTES = Buffer.alloc(0);

/**
 * Where a series' chunks come from: memory the printing thread gives back once its lines are written, so
 * the next lines go into warm memory (fresh memory is slow to touch here: growing one buffer by doubling
 * measured 150 ms for 19 MB of lines). OutputSlots is one.
 */
export interface ChunkMemory {
  /** Memory for the next chunk, at least `size` bytes. */
  take(size: number): Buffer;
  /** Memory taken that holds nothing to print after all. */
  giveBack(memory: Uint8Array): void;
}

/** A character past ASCII: without one, a string's Latin-1 bytes (a copy several times faster) are its UTF-8 bytes. */
const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * Prints a chunk of whole lines at once; true when its bytes are written by the time it returns (its
 * memory may then be written into again).
 */
export type LinePrinter = (chunk: Uint8Array) => unknown;

/**
 * Detections a lines writer holds before it writes their lines: written in a batch, its code runs on its
 * own rather than between the scan's windows (a line at a time, JSON Lines cost ~25% more in the universe:
 * the writer and the scan evict each other's state; 8 held were nearly as good as 64, 1024 no better).
 */
export const BATCH = 64;

/** What a series' lines writer gives: its lines as byte chunks and how many detections it kept per code. */
export interface LinesWriter extends DetectionSink {
  readonly counts: Partial<Record<PatternCode, number>>;
  chunks(): Uint8Array[];
  /** Table rows only: the widest text of each cell (TableRowsWriter). */
  readonly widths?: readonly number[];
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
   * `memory`: where chunks come from (this thread's output slots unless given).
   */
  constructor(
    private readonly print?: LinePrinter,
    private readonly memory: ChunkMemory = THREAD_SLOTS,
  ) {}

  /** Taken from `memory` at the first line, and again as each fills. */
  out: Buffer = NO_BYTES;
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
      // Written already: its memory takes the next lines (else it is held until the series' are written).
      if (print(filled) === true) {
        if (size <= this.out.length) return;
        this.memory.giveBack(this.out);
      }
    } else if (filled.length > 0) this.full.push(filled);
    this.out = this.memory.take(size);
  }

  /** The lines so far, in chunks of whole lines. */
  chunks(): Uint8Array[] {
    return this.at > 0 ? [...this.full, this.out.subarray(0, this.at)] : [...this.full];
  }
}

/**
 * A series' lines writer in one format (JSON Lines, CSV): takes the detections the scan pushes (those
 * `keep` accepts), counts them per code and holds them, then writes BATCH at a time, each through
 * `writeLine` into `lines`.
 *
 * @example
 * class PatternLines extends HeldLinesWriter {
 *   protected writeLine(d: Detection) { this.lines.line(`${d.pattern}\n`); }
 * }
 */
export abstract class HeldLinesWriter implements LinesWriter {
  readonly counts: Partial<Record<PatternCode, number>> = {};
  protected readonly lines: LineChunks;
  private readonly held: Detection[] = [];

  constructor(
    private readonly keep?: (detection: Detection) => boolean,
    print?: LinePrinter,
  ) {
    this.lines = new LineChunks(print);
  }

  push(d: Detection): void {
    if (this.keep !== undefined && !this.keep(d)) return;
    this.counts[d.pattern] = (this.counts[d.pattern] ?? 0) + 1;
    const { held } = this;
    held.push(d);
    if (held.length === BATCH) this.write();
  }

  /** The lines so far, in chunks of whole lines. */
  chunks(): Uint8Array[] {
    this.write();
    return this.lines.chunks();
  }

  /** Writes the line of one detection into `lines`. */
  protected abstract writeLine(d: Detection): void;

  /** Writes the lines of the detections held. */
  private write(): void {
    const { held } = this;
    // biome-ignore lint/style/noNonNullAssertion: i is below held.length.
    for (let i = 0; i < held.length; i++) this.writeLine(held[i]!);
    held.length = 0;
  }
}
