// Arguments of `patterns stats`, validated with messages a user can act on.

import {
  ambiguousDate,
  DEFAULT_BANDWIDTH,
  instantOutsideYears,
  quotedCell,
  timeStyle,
} from "@stock-patterns/core";
import { UnknownOption, UsageError } from "../../io";
import { optionTime } from "../option-time";
import {
  bandwidthOption,
  dateFormatOption,
  delimiterOption,
  flagGivenValue,
  GivenOnce,
  jobsOption,
  valueAfter,
} from "../read-options";

export interface StatsOptions {
  files: string[];
  /** Count only what was known at this time; undefined: the end of the data. */
  asOf?: string;
  json: boolean;
  bandwidth: number;
  /** The CSV field separator; detected when absent. */
  delimiter?: string;
  /** How the files write their times, when not ISO 8601 or epoch numbers: the --date-format pattern, checked. */
  dateFormat?: string;
  /** Threads to count over (--jobs); undefined: the machine's cores. */
  jobs?: number;
}

export const STATS_USAGE = `Usage: patterns stats FILE... | DIR [--as-of TIME] [--json] [--bandwidth H]
                                    [--delimiter C] [--date-format F] [--jobs N]

The evidence per pattern code (docs/patterns.md "Evidence"): how often detections reached their
target, with a 95% interval, and their forward returns against the baseline of every bar.
Several files are pooled, each file one series (each symbol, in a file with a Symbol column). Two
inputs that give one symbol, in either case as the API stores it upper-cased (d2/AAA.csv and
d3/aaa.csv, a file given twice, or AAA.csv and a Symbol column's AAA), are refused as scan refuses
them, status 2, before anything is printed: one series would be counted twice.

  FILE, DIR       as for scan; "-" reads standard input (then the only FILE)
  --as-of TIME    count only what was known at TIME (an ISO 8601 date or datetime, or epoch
                  seconds or milliseconds, as in the files; a year (2010) or a month (2010-06) is
                  its start in UTC);
                  default: the end of the data
  --json          print JSON Lines, one evidence object per code, instead of a table
  --bandwidth H   kernel bandwidth in bars, H > 0 (default ${DEFAULT_BANDWIDTH})
  --delimiter C   the CSV field separator, as for scan (default: detected among , ; and tab)
  --date-format F read times written another way, as for scan (e.g. DD/MM/YYYY); --as-of is then
                  an ISO 8601 time, as such times are read
  --jobs N        threads, this one and N - 1 workers (default: the machine's cores, for several
                  files or a file of 4 MB or more with a Symbol column, counted a symbol at a turn);
                  more than the cores are started as asked, and stderr says what they cost
  -h, --help      show this help
  --              ends the options: every argument after it is a FILE (one may start with -)

An option that takes a value is given once: given twice, it is refused.

Exit status: 0 on success, 2 on bad usage or bad input (the count stops at the first bad input in
the files' order, named on stderr, and no evidence is printed: it would cover only some series), 1
when the output could not be written (a full disk). Stopped by Ctrl-C (SIGINT) or SIGTERM: no file
is taken after it, no evidence is printed (it would cover only some series), stderr says how many
were counted, and the process then ends by that signal, as if it had killed it (a shell says 130 or
143, and its script stops there).`;

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
  let delimiter: string | undefined;
  let format: string | undefined;
  let jobs: number | undefined;
  let raw: string | undefined;
  const given = new GivenOnce(args);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === undefined) break;
    // Every argument after -- is a FILE, as POSIX utilities take it (a path may then start with -).
    if (arg === "--") {
      files.push(...args.slice(i + 1));
      break;
    }
    const name = arg.split("=")[0];
    if (arg === "--json") json = true;
    else if (name === "--as-of") {
      [raw, i] = valueAfter(args, i);
      // A year or a month stands for its start, and is printed so ("counted as of 2010-01-01").
      asOf = raw ? optionTime(name, raw) : raw;
      const style = asOf ? timeStyle(asOf) : undefined;
      if (asOf === undefined || (style !== "iso" && style !== "epoch"))
        throw new UsageError(
          // An ISO datetime past the years 0000 to 9999 in UTC, and eight digits, have a time's form: say
          // what is wrong with them (core's words: the bar files' hint, --date-format, reads no option).
          asOf && (instantOutsideYears(asOf) !== undefined || ambiguousDate(asOf) !== undefined)
            ? `--as-of: ${style}`
            : `--as-of needs an ISO 8601 date or datetime, or epoch seconds or milliseconds, got ${asOf ? quotedCell(asOf) : "nothing"}`,
        );
      given.take(name, raw ?? "");
    } else if (name === "--bandwidth") {
      [raw, i] = given.value(i);
      bandwidth = bandwidthOption(raw);
    } else if (name === "--delimiter") {
      [raw, i] = given.value(i);
      delimiter = delimiterOption(raw);
    } else if (name === "--jobs") {
      [raw, i] = given.value(i);
      jobs = jobsOption(raw);
    } else if (name === "--date-format") {
      [raw, i] = given.value(i);
      dateFormatOption(raw);
      format = raw;
    } else if (name === "--json") throw flagGivenValue(arg);
    else if (arg.startsWith("-") && arg !== "-") throw new UnknownOption(arg);
    else files.push(arg);
  }
  if (files.length === 0) throw new UsageError("stats needs at least one FILE (or - for standard input)");
  if (files.includes("-") && files.length > 1)
    throw new UsageError('"-" (standard input) must be the only FILE');
  return { files, asOf, json, bandwidth, delimiter, dateFormat: format, jobs };
}
