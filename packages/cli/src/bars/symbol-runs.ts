// The runs of one symbol's rows in a long file of many series (a Symbol column): where each lies, chained
// symbol by symbol, in memory the threads share. RowCut (row-cut.ts) finds them; rowsOf (gathered-rows.ts)
// joins a symbol's runs for the column reader.
// biome-ignore-all lint/style/noNonNullAssertion: runs stay below the count added.

/**
 * The runs of rows of a long file, one after another in the file, each of one symbol's rows: `symbols` in
 * order of first appearance, and each symbol's runs in file order, chained (a file per symbol joined has
 * one run a symbol; a file by date, then symbol, a run a row). A run ends where the next begins (blank
 * lines between are the reader's to skip). Typed arrays of 8 bytes a run, grown by doubling: a file of 2.5
 * million rows by date pushed onto arrays took 0.7 s, these 0.1 s. They are made in shared memory, so the
 * threads read them as they are (shared), and at the size a caller expects (shareSymbolRuns: a run a row):
 * 2.5 million runs grown from 1,024 and copied into shared memory after took 167 ms of the 163 MB file's
 * cut (103 growing, 64 copying; a profile of one run).
 */
export class SymbolRuns {
  readonly symbols: string[] = [];
  /** Runs added. */
  count = 0;
  /** Where each run starts in the file (a file past 4 GiB is left to readSeries). */
  private starts: Uint32Array;
  /** The next run of the same symbol, or -1. */
  private nexts: Int32Array;
  /** Each symbol's first and last run. */
  private readonly first: number[] = [];
  private readonly last: number[] = [];

  /**
   * The runs of a file `end` bytes long, with room for `expected` runs before the arrays grow, or over
   * `shared` arrays holding runs already (ofShared).
   */
  constructor(
    private end: number,
    expected = 1024,
    shared?: { starts: Uint32Array; nexts: Int32Array; count: number },
  ) {
    this.starts = shared?.starts ?? new Uint32Array(sharedWords(expected));
    this.nexts = shared?.nexts ?? new Int32Array(sharedWords(expected));
    this.count = shared?.count ?? 0;
  }

  /**
   * The runs as `starts` and `nexts` in memory threads share, for a thread to read a symbol's rows by
   * (ofShared): only those arrays and the count cross, not the symbols or each symbol's first run.
   */
  shared(): { starts: Uint32Array; nexts: Int32Array; count: number } {
    return { starts: this.starts, nexts: this.nexts, count: this.count };
  }

  /** Runs as shared() gave them, of a file `end` bytes long: read by from, to and next. */
  static ofShared(runs: { starts: Uint32Array; nexts: Int32Array; count: number }, end: number): SymbolRuns {
    return new SymbolRuns(end, 0, runs);
  }

  /** Adds a run of symbol `k` (a new symbol when k is symbols.length) starting at `from`. */
  add(k: number, from: number): void {
    const run = this.count++;
    if (run === this.nexts.length) this.grow();
    this.starts[run] = from;
    this.nexts[run] = -1;
    if (k === this.first.length) {
      this.first.push(run);
      this.last.push(run);
      return;
    }
    this.nexts[this.last[k]!] = run;
    this.last[k] = run;
  }

  /** Sets the file's length, where its last run ends (a file read in two steps: RowCut). */
  endAt(end: number): void {
    this.end = end;
  }

  /** Symbol `k`'s first run. */
  firstOf(k: number): number {
    return this.first[k]!;
  }

  /** The run after `run` of the same symbol, or -1. */
  next(run: number): number {
    return this.nexts[run]!;
  }

  /** Where `run` starts. */
  from(run: number): number {
    return this.starts[run]!;
  }

  /** Where `run` ends: where the next run starts, or the file's end. */
  to(run: number): number {
    return run + 1 < this.count ? this.starts[run + 1]! : this.end;
  }

  private grow(): void {
    const length = Math.max(1024, 2 * this.nexts.length);
    const starts = new Uint32Array(sharedWords(length));
    const nexts = new Int32Array(sharedWords(length));
    starts.set(this.starts);
    nexts.set(this.nexts);
    this.starts = starts;
    this.nexts = nexts;
  }
}

/** Shared memory for `length` four-byte numbers (zeros). */
const sharedWords = (length: number) => new SharedArrayBuffer(4 * length);
