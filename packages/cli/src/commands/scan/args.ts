// Arguments of `patterns scan`, validated with messages a user can act on.

import { DEFAULT_BANDWIDTH } from "@stock-patterns/core";
import { UsageError } from "../../io";

export interface ScanOptions {
  file: string;
  json: boolean;
  bandwidth: number;
}

export const SCAN_USAGE = `Usage: patterns scan FILE [--json] [--bandwidth H]

Detects chart patterns (PATTERNS.md) in a series of daily bars.

  FILE            CSV with a Date (or Time) and a Close column, Yahoo-style headers in any case,
                  or a JSON array of bars; "-" reads standard input
  --json          print JSON Lines, one detection per line, instead of a table
  --bandwidth H   kernel bandwidth in bars, H > 0 (default ${DEFAULT_BANDWIDTH})
  -h, --help      show this help

Exit status: 0 on success, 2 on bad input or usage.`;

/**
 * Parses the arguments after `scan`.
 *
 * @example
 * parseScanArgs(["spx.csv", "--json"]) // { file: "spx.csv", json: true, bandwidth: 1 }
 */
export function parseScanArgs(args: readonly string[]): ScanOptions {
  let file: string | undefined;
  let json = false;
  let bandwidth = DEFAULT_BANDWIDTH;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--json") json = true;
    else if (arg === "--bandwidth" || arg.startsWith("--bandwidth=")) {
      const raw = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[++i];
      bandwidth = Number(raw);
      if (raw === undefined || raw === "" || !(bandwidth > 0) || !Number.isFinite(bandwidth)) {
        throw new UsageError(`--bandwidth needs a number of bars greater than 0, got ${raw ?? "nothing"}`);
      }
    } else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`one FILE only, got "${file}" and "${arg}"`);
  }
  if (file === undefined) throw new UsageError("scan needs a FILE (or - for standard input)");
  return { file, json, bandwidth };
}
