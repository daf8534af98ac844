// How a command reads its option values, and the options that say how to read bar files (--delimiter,
// --date-format), how to smooth them (--bandwidth) and over how many threads (--jobs): parsed here once
// for every command that reads bars, with the same messages.

import { decimalCell, needsEscaping, quotedText } from "@stock-patterns/core";
import { type DateFormat, dateFormat } from "../bars";
import { UsageError } from "../io";
import { shown } from "../shown";

/** What these options' refusals are (npm start, which takes --delimiter and --date-format too, says them as its own). */
export { UsageError };

/** The value after an option, from `--name=value` or the next argument; undefined when there is none. */
export function valueAfter(args: readonly string[], i: number): [value: string | undefined, last: number] {
  const arg = args[i];
  if (arg === undefined) return [undefined, i];
  return arg.includes("=") ? [arg.slice(arg.indexOf("=") + 1), i] : [args[i + 1], i + 1];
}

/** The value of `--name V` or `--name=V` at args[i], refusing a missing or empty one. */
export function optionValue(args: readonly string[], i: number): [value: string, last: number] {
  const [value, last] = valueAfter(args, i);
  if (value === undefined || value === "")
    throw new UsageError(`${args[i]?.split("=")[0]} needs a value, got nothing`);
  return [value, last];
}

/**
 * The refusal of a flag written with a value (`--outcomes=yes`): it takes none, where the unknown option
 * "--outcomes=yes" said nothing of why (and `--outcomes=no` would not turn it off).
 *
 * @example
 * flagGivenValue("--outcomes=yes").message // "--outcomes=yes: --outcomes takes no value; give --outcomes alone"
 */
export function flagGivenValue(arg: string): UsageError {
  const [name] = arg.split("=");
  return new UsageError(`${shown(arg)}: ${name} takes no value; give ${name} alone`);
}

/**
 * The options a command line gives a value, each taken once: one given again is refused, as a FILE given
 * twice is, rather than the last kept unseen (`--pattern HS --pattern IHS` screened IHS alone, and a
 * script's `--min-confidence 80` added after a user's 50 went unnoticed).
 *
 * @example
 * const given = new GivenOnce(["--jobs", "1", "--jobs", "2"]);
 * given.value(0) // ["1", 1]
 * given.value(2) // throws "--jobs is given twice (1, then 2): give it once"
 */
export class GivenOnce {
  private readonly values = new Map<string, string>();

  constructor(private readonly args: readonly string[]) {}

  /** The value of `--name V` or `--name=V` at args[i] (optionValue), refusing a name given before. */
  value(i: number): [value: string, last: number] {
    const [value, last] = optionValue(this.args, i);
    this.take(this.args[i]?.split("=")[0] ?? "", value);
    return [value, last];
  }

  /** Records option `name`'s `value`, refusing a name given before. */
  take(name: string, value: string): void {
    const first = this.values.get(name);
    if (first !== undefined)
      throw new UsageError(`${name} is given twice (${shown(first)}, then ${shown(value)}): give it once`);
    this.values.set(name, value);
  }
}

/**
 * A number option's value, refusing anything but a decimal (an exponent allowed: 1e-3) for which `valid`
 * holds; hexadecimal, Infinity and blanks are refused.
 *
 * @example
 * numberOf("--latest", "5", (n) => n >= 1, "a whole number of bars >= 1") // 5
 * numberOf("--bandwidth", "1e-3", (h) => h > 0, "a number of bars greater than 0") // 0.001
 */
export function numberOf(name: string, raw: string, valid: (n: number) => boolean, what: string): number {
  // A bar file's rule for a number cell: one rule for both.
  const value = decimalCell(raw);
  if (value === undefined || Number.isNaN(value) || !valid(value))
    throw new UsageError(`${name} needs ${what}, got ${shown(raw)}`);
  return value;
}

/**
 * The --bandwidth value: a kernel bandwidth in bars, a decimal greater than 0.
 *
 * @example
 * bandwidthOption("1.5") // 1.5
 */
export function bandwidthOption(raw: string): number {
  return numberOf("--bandwidth", raw, (h) => h > 0 && Number.isFinite(h), "a number of bars greater than 0");
}

/**
 * The --jobs value: threads, this one and N - 1 workers, a whole number >= 1.
 *
 * @example
 * jobsOption("2") // 2
 */
export function jobsOption(raw: string): number {
  return numberOf("--jobs", raw, (n) => Number.isInteger(n) && n >= 1, "a whole number >= 1");
}

/** Unicode's marks (M: nonspacing, spacing and enclosing), which are drawn on or beside the character before. */
const COMBINING_MARK = /^\p{M}$/u;

/** U+ and the code point of a character, in upper-case hexadecimal, four digits at least: "U+0301". */
const codePointOf = (character: string): string =>
  `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * The --delimiter value: one character, a single Unicode code point (📈, outside the BMP, as well as ";"),
 * as Papa Parse and the line reader split at any string; "tab" in any case or "\t" for a tab. A character a user sees
 * as one but written with more (❤ and a variation selector, a letter and its accent) is refused, with the
 * number of code points. A character a message escapes (core's needsEscaping: a control or format
 * character, another that shows nothing, a line separator, a space other than U+0020) is refused, a tab
 * excepted: a reader of the file could not tell it between cells (and CR or LF end the rows besides). So
 * is a combining mark (COMBINING_MARK), though a message shows it as it is: it shows on the character
 * before it, so a reader saw "Date\u0301Close" as one cell.
 *
 * @example
 * delimiterOption("tab") // "\t"
 * delimiterOption("TAB") // "\t"
 * delimiterOption("📈") // "📈"
 * delimiterOption("\u202e") // throws: --delimiter needs a character that shows...
 */
export function delimiterOption(raw: string): string {
  const delimiter = raw.toLowerCase() === "tab" || raw === "\\t" ? "\t" : raw;
  const points = [...delimiter].length;
  if (points !== 1 || delimiter === '"') {
    const counted = points === 1 ? "" : `, ${points} code points`;
    throw new UsageError(
      `--delimiter needs one character, a single Unicode code point (or "tab"), got ${quotedText(raw)}${counted}`,
    );
  }
  if (delimiter !== "\t" && needsEscaping(delimiter)) {
    throw new UsageError(
      `--delimiter needs a character that shows, or "tab", got ${quotedText(raw)} (a control or format character, another that shows nothing, a line separator, or a space other than U+0020, cannot be told apart between cells)`,
    );
  }
  if (COMBINING_MARK.test(delimiter)) {
    throw new UsageError(
      `--delimiter needs a character that shows, or "tab", got ${codePointOf(delimiter)} (a combining mark shows on the character before it, and cannot be told apart between cells)`,
    );
  }
  return delimiter;
}

/**
 * The --date-format value, compiled (its tokens checked).
 *
 * @example
 * dateFormatOption("DD/MM/YYYY").toIso("31/01/2020") // "2020-01-31"
 */
export function dateFormatOption(raw: string): DateFormat {
  try {
    return dateFormat(raw);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
