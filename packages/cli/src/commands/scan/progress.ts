// A progress line on stderr for long scans, only when stderr is a terminal (never in a pipe or a log).

import type { CliIo } from "../../io";
import { cutOf, type Input } from "./inputs";

/** What a progress line counts, and its clock (tests give their own). */
export interface ProgressOf {
  /** The inputs: files, or a long file's symbols shared by symbol. */
  unit?: "files" | "symbols";
  /** What is done to each: scanned (patterns scan) or counted (patterns stats). */
  verb?: "scanned" | "counted";
  now?: () => number;
}

/**
 * Shows "scanned i/n files" (or symbols, for a long file shared by symbol; "counted" for stats) once a run
 * has taken a second, at most five times a second.
 */
export class Progress {
  private shown = false;
  private last = 0;
  private readonly unit: "files" | "symbols";
  private readonly verb: "scanned" | "counted";
  private readonly now: () => number;
  private readonly started: number;

  constructor(
    private readonly write: ((text: string) => void) | undefined,
    private readonly total: number,
    { unit = "files", verb = "scanned", now = Date.now }: ProgressOf = {},
  ) {
    this.unit = unit;
    this.verb = verb;
    this.now = now;
    this.started = now();
  }

  /** Reports `done` of the total. */
  update(done: number): void {
    const at = this.now();
    if (!this.write || at - this.started < 1000 || at - this.last < 200) return;
    this.last = at;
    this.shown = true;
    this.write(`\rpatterns: ${this.verb} ${done}/${this.total} ${this.unit}`);
  }

  /** Clears the line, if shown, so the next output starts clean. */
  end(): void {
    if (this.shown) this.write?.("\r\x1b[K");
    this.shown = false;
  }
}

/**
 * The progress line of a run over `inputs` (symbols when a long file is shared by symbol, else files),
 * written to io's stderr when it is a terminal: asked only once a line is due (a second into the run), as
 * the process makes its stderr stream at its first use.
 *
 * @example
 * const progress = progressOver(io, inputs, "counted");
 */
export function progressOver(io: CliIo, inputs: readonly Input[], verb: "scanned" | "counted"): Progress {
  return new Progress(
    (text) => {
      if (io.stderrIsTerminal) io.stderr(text);
    },
    inputs.length,
    { unit: unitOf(inputs), verb },
  );
}

/** What the inputs are to a person: a long file's symbols, when it is shared by symbol, else files. */
export const unitOf = (inputs: readonly Input[]): "files" | "symbols" =>
  inputs.some((input) => cutOf(input) !== undefined) ? "symbols" : "files";
