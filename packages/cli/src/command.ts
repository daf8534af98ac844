// The shape of one `patterns` subcommand; each lives in its own folder under commands/.

import type { CliIo } from "./io";

export interface Command {
  /** The word after `patterns`. */
  name: string;
  /** What it does, in one line under 90 characters: `patterns --help` lists the commands so. */
  summary: string;
  /** Its help text, shown by `patterns COMMAND --help` (and `patterns help COMMAND`). */
  usage: string;
  /**
   * Runs with the arguments after the name and returns the exit status; throws UsageError or BarsError
   * for bad usage or input (one line on stderr, status 2).
   */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
