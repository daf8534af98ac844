// Arguments of `patterns stats`, validated with messages a user can act on.

import { DEFAULT_BANDWIDTH } from "@stock-patterns/core";
import { timeStyle } from "../../bars/time";
import { UsageError } from "../../io";

export interface StatsOptions {
  files: string[];
  /** Count only what was known at this time; undefined: the end of the data. */
  asOf?: string;
  json: boolean;
  bandwidth: number;
}

export const STATS_USAGE = `Usage: patterns stats FILE... | DIR [--as-of TIME] [--json] [--bandwidth H]

The evidence per pattern code (docs/patterns.md "Evidence"): how often detections reached their
target, with a 95% interval, and their forward returns against the baseline of every bar.
Several files are pooled, each file one series (each symbol, in a file with a Symbol column).

  FILE, DIR       as for scan; "-" reads standard input (then the only FILE)
  --as-of TIME    count only what was known at TIME (an ISO 8601 date or datetime, or epoch
                  seconds or milliseconds, as in the files);
                  default: the end of the data
  --json          print JSON Lines, one evidence object per code, instead of a table
  --bandwidth H   kernel bandwidth in bars, H > 0 (default ${DEFAULT_BANDWIDTH})

Exit status: 0 on success, 2 on bad input or usage.`;

/** The value after an option, from `--name=value` or the next argument. */
function optionValue(args: readonly string[], i: number): [value: string | undefined, next: number] {
  const arg = args[i];
  return arg.includes("=") ? [arg.slice(arg.indexOf("=") + 1), i] : [args[i + 1], i + 1];
}

/**
 * Parses the arguments after `stats`.
 *
 * @example
 * parseStatsArgs(["a.csv", "b.csv", "--as-of", "2010-01-01"]) // { files: ["a.csv", "b.csv"], asOf: "2010-01-01", ... }
 */
export function parseStatsArgs(args: readonly string[]): StatsOptions {
  const files: string[] = [];
  let asOf: string | undefined;
  let json = false;
  let bandwidth = DEFAULT_BANDWIDTH;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--json") json = true;
    else if (arg === "--as-of" || arg.startsWith("--as-of=")) {
      [asOf, i] = optionValue(args, i);
      if (asOf === undefined || asOf === "" || !["iso", "epoch"].includes(timeStyle(asOf)))
        throw new UsageError(
          `--as-of needs an ISO 8601 date or datetime, or epoch seconds or milliseconds, got ${asOf ? `"${asOf}"` : "nothing"}`,
        );
    } else if (arg === "--bandwidth" || arg.startsWith("--bandwidth=")) {
      let raw: string | undefined;
      [raw, i] = optionValue(args, i);
      bandwidth = Number(raw);
      if (raw === undefined || raw === "" || !(bandwidth > 0) || !Number.isFinite(bandwidth))
        throw new UsageError(`--bandwidth needs a number of bars greater than 0, got ${raw ?? "nothing"}`);
    } else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length === 0) throw new UsageError("stats needs at least one FILE (or - for standard input)");
  if (files.includes("-") && files.length > 1)
    throw new UsageError('"-" (standard input) must be the only FILE');
  return { files, asOf, json, bandwidth };
}
