// Arguments of `patterns scan`, validated with messages a user can act on.

import { DEFAULT_BANDWIDTH } from "@stock-patterns/core";
import { type DateFormat, dateFormat } from "../../bars";
import { UsageError } from "../../io";

export interface ScanOptions {
  file: string;
  json: boolean;
  bandwidth: number;
  delimiter?: string;
  dateFormat?: DateFormat;
}

export const SCAN_USAGE = `Usage: patterns scan FILE [--json] [--bandwidth H] [--delimiter C] [--date-format F]

Detects chart patterns (PATTERNS.md) in a series of daily bars.

  FILE             CSV with a Date (or Time) and a Close column, Yahoo-style headers in any case,
                   or a JSON array of bars; "-" reads standard input. Times are ISO 8601 dates or
                   datetimes, or epoch seconds or milliseconds
  --json           print JSON Lines, one detection per line, instead of a table
  --bandwidth H    kernel bandwidth in bars, H > 0 (default ${DEFAULT_BANDWIDTH})
  --delimiter C    the CSV field separator (default: detected among , ; and tab)
  --date-format F  read times written another way, e.g. DD/MM/YYYY or "YYYYMMDD HH:mm" (tokens YYYY MM DD
                   HH mm ss); such times are printed in ISO 8601
  -h, --help       show this help

Exit status: 0 on success, 2 on bad input or usage.`;

/** The value of `--name V` or `--name=V` at args[i]; returns it and the index of the last argument used. */
function optionValue(args: readonly string[], i: number): [string | undefined, number] {
  const arg = args[i];
  return arg.includes("=") ? [arg.slice(arg.indexOf("=") + 1), i] : [args[i + 1], i + 1];
}

function delimiterOf(raw: string | undefined): string {
  const delimiter = raw === "tab" || raw === "\\t" ? "\t" : raw;
  if (delimiter === undefined || delimiter.length !== 1 || delimiter === '"' || /[\r\n]/.test(delimiter)) {
    throw new UsageError(`--delimiter needs one character (or "tab"), got ${raw ?? "nothing"}`);
  }
  return delimiter;
}

/**
 * Parses the arguments after `scan`.
 *
 * @example
 * parseScanArgs(["spx.csv", "--json"]) // { file: "spx.csv", json: true, bandwidth: 1 }
 */
export function parseScanArgs(args: readonly string[]): ScanOptions {
  let file: string | undefined;
  const options: Omit<ScanOptions, "file"> = { json: false, bandwidth: DEFAULT_BANDWIDTH };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const name = arg.split("=")[0];
    let raw: string | undefined;
    if (arg === "--json") options.json = true;
    else if (name === "--bandwidth") {
      [raw, i] = optionValue(args, i);
      options.bandwidth = Number(raw);
      if (
        raw === undefined ||
        raw === "" ||
        !(options.bandwidth > 0) ||
        !Number.isFinite(options.bandwidth)
      ) {
        throw new UsageError(`--bandwidth needs a number of bars greater than 0, got ${raw ?? "nothing"}`);
      }
    } else if (name === "--delimiter") {
      [raw, i] = optionValue(args, i);
      options.delimiter = delimiterOf(raw);
    } else if (name === "--date-format") {
      [raw, i] = optionValue(args, i);
      if (!raw) throw new UsageError("--date-format needs a format, got nothing");
      try {
        options.dateFormat = dateFormat(raw);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    } else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`one FILE only, got "${file}" and "${arg}"`);
  }
  if (file === undefined) throw new UsageError("scan needs a FILE (or - for standard input)");
  return { file, ...options };
}
