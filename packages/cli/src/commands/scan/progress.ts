// A progress line on stderr for long scans, only when stderr is a terminal (never in a pipe or a log).

/**
 * Shows "scanned i/n files" (or symbols, for a long file shared by symbol) once a run has taken a second,
 * at most five times a second.
 */
export class Progress {
  private shown = false;
  private last = 0;

  constructor(
    private readonly write: ((text: string) => void) | undefined,
    private readonly total: number,
    private readonly unit: "files" | "symbols" = "files",
    private readonly now: () => number = Date.now,
    private readonly started = now(),
  ) {}

  /** Reports `done` of the total. */
  update(done: number): void {
    const at = this.now();
    if (!this.write || at - this.started < 1000 || at - this.last < 200) return;
    this.last = at;
    this.shown = true;
    this.write(`\rpatterns: scanned ${done}/${this.total} ${this.unit}`);
  }

  /** Clears the line, so the next output starts clean. */
  end(): void {
    if (this.shown) this.write?.("\r\x1b[K");
  }
}
