// Arguments of `patterns scan`, validated with messages a user can act on.

import {
  DEFAULT_BANDWIDTH,
  didYouMean,
  instantValue,
  nearMisses,
  PATTERN_CODES,
  type PatternCode,
  quotedText,
  timeStyle,
  unpadded,
} from "@stock-patterns/core";
import { DATE_FORMAT_RULES } from "../../bars";
import { UnknownOption, UsageError } from "../../io";
import { shown } from "../../shown";
import { optionTime } from "../option-time";
import {
  bandwidthOption,
  dateFormatOption,
  delimiterOption,
  flagGivenValue,
  GivenOnce,
  jobsOption,
  numberOf,
} from "../read-options";
import { OUTPUT_FORMATS, type OutputFormat } from "./output";
import type { ScanSettings } from "./scan-file";

export interface ScanOptions extends ScanSettings {
  /** Files or directories as given; "-" is standard input. */
  paths: string[];
  /** Worker threads; undefined lets the scan decide from the input's size and the machine's cores. */
  jobs?: number;
}

export const SCAN_USAGE = `Usage: patterns scan FILE... | DIR [options]

Detects chart patterns (docs/patterns.md) in series of bars: one series per file (its symbol is the
file's name without extension, held to the API's rule: 1-20 letters, digits or . ^ = _ -, starting
with a letter, a digit or ^; a pipe's is its number, as <(...) is /dev/fd/63), or many in one file
with a Symbol column (its values held to the same rule). A symbol is printed upper-cased, as the API
stores it (aapl.csv's lines say AAPL). A DIR stands for its .csv, .json and .txt files (not hidden
ones); one that holds none or cannot be listed, and a file in it whose name gives no symbol or
that is no regular file (a FIFO), is named on stderr and set aside, the rest scanned (status 2).
Output is in the order of the arguments, then of the files' names, then of the symbols.
Two files that give one symbol, in either case (d2/AAA.csv and d3/aaa.csv, or AAA.csv and a Symbol
column's AAA), or a Symbol column that writes one two ways (aaa and AAA), are refused, status 2, as
their lines could not be told apart, before any line is printed (with --format csv, its header
neither: it comes with the first line): a Symbol column read only as its file is scanned (not shared
a symbol at a turn) has all its symbols known before its first line, and the lines of the files
before it wait in memory until then.

  FILE                CSV with a Date (or Time) and a Close column, Yahoo-style headers in any case,
                      or a JSON array of bars; "-" reads standard input (then the only FILE).
                      Times are ISO 8601 dates or datetimes, or epoch seconds or milliseconds
  --format F          table (default), jsonl (one detection per line, with its symbol) or csv, in
                      any case
  --json              the same as --format jsonl (beside --format table or csv, refused)
  --outcomes          what followed each detection (docs/patterns.md "Outcomes"): JSON Lines gain
                      "outcome", the table and CSV status, breakout and target
  --pattern CODES     only these codes, comma-separated, in any case
                      (${PATTERN_CODES.join(",")})
  --min-confidence N  only detections with confidence >= N (0-100)
  --since TIME        only detections known at or after TIME (detectedAt, as printed: ISO 8601, also
                      with --date-format, or epoch seconds or milliseconds); a year (2019) or a
                      month (2019-06) is its start in UTC
  --latest N          only detections known in each series' last N bars: what is forming now
  --bandwidth H       kernel bandwidth in bars, H > 0 (default ${DEFAULT_BANDWIDTH})
  --delimiter C       the CSV field separator (default: detected among , ; and tab)
  --date-format F     read times written another way, e.g. DD/MM/YYYY or "YYYYMMDD HH:mm" (tokens
                      ${DATE_FORMAT_RULES}), in a CSV
                      cell or a JSON string (a JSON number stays epoch); such times are printed
                      in ISO 8601
  --jobs N            threads, this one and N - 1 workers (default: the machine's cores, for several
                      files or a file of 4 MB or more with a Symbol column, shared a symbol at a
                      turn); with N >= 2 one other file of 4 MB or more is cut into N parts, scanned
                      side by side (fewer, so that each holds 2 MB at least); more than the cores
                      are started as asked, and stderr says what they cost
  -h, --help          show this help
  --                  ends the options: every argument after it is a FILE (one may start with -)

An option that takes a value is given once: given twice, it is refused (--pattern HS --pattern IHS;
write --pattern HS,IHS). --json beside --format csv or table is refused too: they contradict.
Beside --format jsonl it agrees, and is taken.

Exit status: 0 on success, 2 on bad usage or when any input was bad (each named on stderr), 1 when
the output could not be written (a full disk). Stopped by Ctrl-C (SIGINT) or SIGTERM: no file is
taken after it, those taken are finished (every line printed whole, a table not printed unless it
was being written, then whole), stderr says how many were scanned, and the process then ends by that
signal, as if it had killed it (a shell says 130 or 143, and its script stops there as at any
command Ctrl-C ends).`;

function patternsOf(raw: string): PatternCode[] {
  const codes = raw.split(",").map((code) => unpadded(code).toUpperCase());
  const unknown = codes.find((code) => !(PATTERN_CODES as readonly string[]).includes(code));
  if (unknown !== undefined)
    throw new UsageError(
      `--pattern: unknown code ${quotedText(unknown)} (codes: ${PATTERN_CODES.join(",")})${didYouMean(nearMisses(unknown, PATTERN_CODES))}`,
    );
  return codes as PatternCode[];
}

/**
 * The --since time, compared with the times as printed: ISO 8601 (a year or a month as its start, see
 * optionTime) or epoch, never a --date-format layout (core's words without the bar files' hint to use
 * --date-format, which does not read options).
 */
function sinceOf(raw: string): number {
  const time = optionTime("--since", raw);
  const style = timeStyle(time);
  if (style !== "iso" && style !== "epoch") throw new UsageError(`--since: ${style}`);
  return instantValue(time);
}

/**
 * --json is --format jsonl: beside a --format that says otherwise, the one given last had won unseen
 * (`--json --format csv` printed CSV), so the pair is refused, both named in the order given.
 */
const contradiction = (first: string, then: string) =>
  new UsageError(`${first} and ${then} contradict (--json is --format jsonl): give one`);

/**
 * Parses the arguments after `scan`.
 *
 * @example
 * parseScanArgs(["spx.csv", "--json"]) // { paths: ["spx.csv"], format: "jsonl", bandwidth: 1, screen: {} }
 */
export function parseScanArgs(args: readonly string[]): ScanOptions {
  const options: ScanOptions = { paths: [], format: "table", bandwidth: DEFAULT_BANDWIDTH, screen: {} };
  const given = new GivenOnce(args);
  let json = false;
  let format: OutputFormat | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === undefined) break;
    // Every argument after -- is a FILE, as POSIX utilities take it (a path may then start with -).
    if (arg === "--") {
      options.paths.push(...args.slice(i + 1));
      break;
    }
    const name = arg.split("=")[0];
    let raw: string;
    if (arg === "--json") {
      if (format !== undefined && format !== "jsonl") throw contradiction(`--format ${format}`, "--json");
      json = true;
      options.format = "jsonl";
    } else if (arg === "--outcomes") options.outcomes = true;
    else if (name === "--format") {
      [raw, i] = given.value(i);
      // In any case, as --pattern takes its codes: JSONL and Table name a format as plainly.
      const named = raw.toLowerCase();
      if (!(OUTPUT_FORMATS as readonly string[]).includes(named)) {
        throw new UsageError(
          `--format needs one of ${OUTPUT_FORMATS.join(", ")}, got ${shown(raw)}${didYouMean(nearMisses(raw, OUTPUT_FORMATS))}`,
        );
      }
      format = named as OutputFormat;
      if (json && format !== "jsonl") throw contradiction("--json", `--format ${format}`);
      options.format = format;
    } else if (name === "--bandwidth") {
      [raw, i] = given.value(i);
      options.bandwidth = bandwidthOption(raw);
    } else if (name === "--pattern") {
      [raw, i] = given.value(i);
      options.patterns = patternsOf(raw);
    } else if (name === "--min-confidence") {
      [raw, i] = given.value(i);
      options.screen.minConfidence = numberOf(name, raw, (n) => n >= 0 && n <= 100, "a number from 0 to 100");
    } else if (name === "--since") {
      [raw, i] = given.value(i);
      options.screen.since = sinceOf(raw);
    } else if (name === "--latest") {
      [raw, i] = given.value(i);
      options.screen.latest = numberOf(
        name,
        raw,
        (n) => Number.isInteger(n) && n >= 1,
        "a whole number of bars >= 1",
      );
    } else if (name === "--jobs") {
      [raw, i] = given.value(i);
      options.jobs = jobsOption(raw);
    } else if (name === "--delimiter") {
      [raw, i] = given.value(i);
      options.delimiter = delimiterOption(raw);
    } else if (name === "--date-format") {
      [raw, i] = given.value(i);
      dateFormatOption(raw);
      // Kept as written: workers compile it again (a compiled format does not cross threads).
      options.dateFormat = raw;
    } else if (name === "--json" || name === "--outcomes") throw flagGivenValue(arg);
    else if (arg.startsWith("-") && arg !== "-") throw new UnknownOption(arg);
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) throw new UsageError("scan needs a FILE or DIR (or - for standard input)");
  return options;
}
