// Command-line arguments of `patterns`, validated with messages a user can act on.

import { DEFAULT_BANDWIDTH } from "../engine/spec";

export interface ScanCommand {
  command: "scan";
  file: string;
  json: boolean;
  bandwidth: number;
}

export type Command = ScanCommand | { command: "help" };

/** A usage mistake: reported on one line, exit status 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: patterns scan FILE [--json] [--bandwidth H]

Detects chart patterns (PATTERNS.md) in a series of daily bars.

  FILE            CSV with a Date (or Time) and a Close column, Yahoo-style headers in any case,
                  or a JSON array of bars; "-" reads standard input
  --json          print JSON Lines, one detection per line, instead of a table
  --bandwidth H   kernel bandwidth in bars, H > 0 (default ${DEFAULT_BANDWIDTH})
  -h, --help      show this help

Exit status: 0 on success, 2 on bad input or usage.`;

/**
 * Parses argv (without node and script).
 *
 * @example
 * parseArgs(["scan", "spx.csv", "--json"]) // { command: "scan", file: "spx.csv", json: true, bandwidth: 1 }
 */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) return { command: "help" };
  const [command, ...rest] = argv;
  if (command !== "scan") throw new UsageError(`unknown command "${command}" (try: patterns scan FILE)`);
  let file: string | undefined;
  let json = false;
  let bandwidth = DEFAULT_BANDWIDTH;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--json") json = true;
    else if (arg === "--bandwidth" || arg.startsWith("--bandwidth=")) {
      const raw = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : rest[++i];
      bandwidth = Number(raw);
      if (raw === undefined || raw === "" || !(bandwidth > 0) || !Number.isFinite(bandwidth)) {
        throw new UsageError(`--bandwidth needs a number of bars greater than 0, got ${raw ?? "nothing"}`);
      }
    } else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`one FILE only, got "${file}" and "${arg}"`);
  }
  if (file === undefined) throw new UsageError("scan needs a FILE (or - for standard input)");
  return { command: "scan", file, json, bandwidth };
}
