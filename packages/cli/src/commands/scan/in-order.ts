// The results of a scan's inputs, printed in the inputs' order whichever thread finishes first: each
// result's symbols claimed before any of its lines is printed (two inputs giving one symbol refuse the run),
// a table's series gathered for the end, and a long file whose symbol's rows were declined read again.

import type { CliIo } from "../../io";
import type { ScanOptions } from "./args";
import type { FileQueue } from "./file-queue";
import { cutOf, type Input } from "./inputs";
import type { Progress } from "./progress";
import type { OnResult, PrintedAsScanned } from "./runner";
import type { FileResult, SeriesResult } from "./scan-file";
import type { SymbolClaims } from "./symbol-claims";
import { restOfLongFile } from "./symbol-rows";

/** Thrown out of a scan when the symbols a file tells before its first line are refused (stderr says why). */
export class Refused extends Error {}

const symbolsOf = (result: FileResult) => ("series" in result ? result.series.map((one) => one.symbol) : []);

/**
 * The results of `inputs` as they come (onResult), printed in order once each input has told its symbols
 * (`untold`: the inputs that may still give ones not yet known). Refused by a symbol's clash, it prints
 * nothing more and closes `queue`.
 *
 * @example
 * const output = new InOrder(inputs, options, io, claims, untold, queue, progress);
 * await scanInputs(options, inputs, io, output.onResult, output.asScanned, queue);
 * await output.readStalled();
 */
export class InOrder {
  /** Each input's result, until it is printed. */
  private readonly results: (FileResult | undefined)[];
  /** What frees the memory of each result's lines, once they are printed. */
  private readonly whenPrinted: ((() => void) | undefined)[];
  /** The symbol and bars of each input of one symbol's rows printed (symbol-rows.ts). */
  private readonly printedRows: { symbol: string; bars: number }[];
  /** The table's series, and what frees the memory of their rows once the table is written. */
  readonly series: SeriesResult[] = [];
  readonly tabled: (() => void)[] = [];
  /** The long file cut by symbol whose series the table holds last, and where in `series` they start. */
  private tabledCut: { cut: object; from: number } | undefined;
  /** The results printed, in the inputs' order. */
  printed = 0;
  /** The results whose series' symbols are claimed, in the inputs' order, whichever came first. */
  claimed = 0;
  /** The inputs that could not be read (each named on stderr). */
  failed = 0;
  /** The series read and printed (or tabled), in every format: none, and a CSV run prints no header. */
  read = 0;
  /** A series' symbol came from another file too (symbol-claims.ts): nothing more is printed, nor taken. */
  refused = false;
  /** A symbol's rows were declined: printing waits, once all is scanned, for the rest of its file. */
  private stalled = false;

  constructor(
    private readonly inputs: readonly Input[],
    private readonly options: ScanOptions,
    private readonly io: CliIo,
    private readonly claims: SymbolClaims,
    private readonly untold: Set<number>,
    private readonly queue: FileQueue,
    private readonly progress: Progress,
  ) {
    this.results = new Array(inputs.length);
    this.whenPrinted = new Array(inputs.length);
    this.printedRows = new Array(inputs.length);
  }

  /** Takes input `index`'s result, and prints what is ready. */
  readonly onResult: OnResult = (index, result, done) => {
    this.results[index] = result;
    this.whenPrinted[index] = done;
    this.claimReady();
    if (!this.stalled) this.printReady();
    this.progress.update(this.claimed);
  };

  /**
   * This thread alone prints a file's lines as it scans it once no other input's symbols are untold, the
   * file's own told first (before any of its lines), and those before it printed then.
   */
  readonly asScanned: PrintedAsScanned = {
    prints: (index) =>
      !this.refused && (this.untold.size === 0 || (this.untold.size === 1 && this.untold.has(index))),
    symbols: (index, symbols) => {
      if (!this.claim(symbols, this.inputs[index]?.file ?? "")) throw new Refused();
      this.untold.delete(index);
      this.printReady();
    },
  };

  /**
   * Once all is scanned, reads the rest of each long file whose symbol's rows were declined in their place,
   * and prints on; not after a stop signal, nor once refused.
   */
  async readStalled(): Promise<void> {
    while (this.stalled && !this.refused && this.io.interruption?.signal === undefined) {
      this.stalled = false;
      const rows = this.printedRows;
      await this.restInstead((file, first) =>
        restOfLongFile(
          this.io,
          file,
          this.untabled(first) ? [] : rows.slice(first, this.printed),
          this.options,
        ),
      );
      this.printReady();
    }
  }

  /**
   * Takes the series of the long file whose inputs start at `first` back out of the table, when it holds
   * them (nothing of them is printed yet): true when it did, so that the file read as a whole gives all its
   * series again, rather than an error for lines never printed.
   */
  private untabled(first: number): boolean {
    const cut = cutOf(this.inputs[first]);
    if (this.options.format !== "table" || cut === undefined) return false;
    if (this.tabledCut?.cut === cut) this.series.length = this.tabledCut.from;
    return true;
  }

  /** Refuses the run for `clash`: no more inputs taken, nothing more printed. */
  private refuse(clash: string): void {
    this.refused = true;
    this.io.inputRefused?.();
    this.queue.close();
    this.progress.end();
    this.io.stderr(`patterns: ${clash}\n`);
  }

  /** Claims `symbols` for `file` (as it writes them): false, the run refused, when another file gives one. */
  private claim(symbols: readonly string[], file: string): boolean {
    const clash = this.claims.clashAmong(symbols, file);
    if (clash !== undefined) this.refuse(clash);
    return clash === undefined;
  }

  /** Claims the symbols of every result that now has all those before it. */
  private claimReady(): void {
    const { results } = this;
    for (
      let next = results[this.claimed];
      next !== undefined && !this.refused;
      next = results[this.claimed]
    ) {
      if (!this.claim(symbolsOf(next), this.inputs[this.claimed]?.file ?? "")) return;
      this.untold.delete(this.claimed++);
    }
  }

  /** Prints every result that now has all those before it, once every input has told its symbols. */
  private printReady(): void {
    const { results, whenPrinted, inputs, io } = this;
    for (
      let next = results[this.printed];
      next !== undefined && !this.refused && this.untold.size === 0;
      next = results[this.printed]
    ) {
      const cut = cutOf(inputs[this.printed]);
      if (cut && "declined" in next) {
        this.stalled = true;
        return;
      }
      // Claimed already, but for the rest of a long file read in place of a declined symbol's rows.
      const file = inputs[this.printed]?.file ?? "";
      if (!this.claim(symbolsOf(next), file)) return;
      const done = whenPrinted[this.printed];
      const [one] = "series" in next ? next.series : [];
      if (cut && one) this.printedRows[this.printed] = { symbol: one.symbol, bars: one.bars };
      results[this.printed] = undefined;
      whenPrinted[this.printed++] = undefined;
      if (!("series" in next)) {
        // A file with a bad row gives the table none of its series, however it was spread: one thread
        // reading it whole has none to give, and a table must not pass a file's first symbols for it all.
        if (cut && this.tabledCut?.cut === cut) this.series.length = this.tabledCut.from;
        this.failed++;
        io.inputRefused?.();
        this.progress.end();
        io.stderr(`patterns: ${"error" in next ? next.error : "a part of the file was declined"}\n`);
        continue;
      }
      this.read += next.series.length;
      if (this.options.format === "table") {
        if (cut && this.tabledCut?.cut !== cut) this.tabledCut = { cut, from: this.series.length };
        this.series.push(...next.series);
        if (done) this.tabled.push(done);
        continue;
      }
      // Its memory is reused only when every byte is known written (not queued behind a slow reader).
      let written = true;
      for (const one of next.series) {
        if (typeof one.text !== "string")
          for (const chunk of one.text) written = io.stdout(chunk) === true && written;
        else if (one.text) io.stdout(one.text);
      }
      if (written) done?.();
    }
  }

  /**
   * Puts in place of the results of a long file's symbols from the first not printed on (inputs of one
   * symbol's rows: symbol-rows.ts) the file's rest, as `rest` reads it (given the file and its first
   * symbol's input), and lets go of theirs.
   */
  private async restInstead(rest: (file: string, first: number) => Promise<FileResult>): Promise<void> {
    const { inputs, results, whenPrinted } = this;
    const declined = this.printed;
    const input = inputs[declined];
    // One file's cut: its inputs, one after another.
    const cut = cutOf(input);
    if (input === undefined || cut === undefined) return;
    let first = declined;
    while (cutOf(inputs[first - 1]) === cut) first--;
    results[declined] = await rest(input.file, first);
    for (let i = declined + 1; cutOf(inputs[i]) === cut; i++) {
      whenPrinted[i]?.();
      whenPrinted[i] = undefined;
      results[i] = { series: [] };
    }
  }
}
