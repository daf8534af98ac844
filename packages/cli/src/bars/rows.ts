// A CSV text's rows, one at a time: Papa Parse for full RFC 4180, or the lines cut by hand when the text
// has nothing that needs it (no quote, no carriage return), which is most bar files and much faster.

import { BarsError, decimalCell, unpadded } from "@stock-patterns/core";
import Papa from "papaparse";
import { simpleDecimal } from "./decimal";

/** The separators tried when none is given (guessSeparator). */
const SEPARATORS = [",", ";", "\t"];

/** guessSeparator reads the first 10 rows, as Papa Parse does; without quotes a row is one line, so 20 lines hold them. */
export const SEPARATOR_GUESS_LINES = 20;

/** One row's cells, as Papa Parse would give them; valid only during the call that receives it. */
export interface Row {
  readonly length: number;
  /** Every cell (the header row). */
  cells(): string[];
  /**
   * Cell `i` without the ASCII spaces and tabs around it (core's unpadded: not trim(), which took a U+2028
   * or U+FEFF after a close, and read "5\u2028" as 5), "" when the row has no such cell.
   */
  text(i: number): string;
  /** Cell `i` as a plain decimal: undefined when empty or absent, NaN when it is not one. */
  decimal(i: number): number | undefined;
}

/** A row Papa Parse has split. */
class ParsedRow implements Row {
  constructor(private readonly values: string[]) {}
  get length(): number {
    return this.values.length;
  }
  cells(): string[] {
    return this.values;
  }
  text(i: number): string {
    return unpadded(this.values[i] ?? "");
  }
  decimal(i: number): number | undefined {
    return decimalCell(this.text(i));
  }
}

/** A line of the text and where its cells start and end: nothing is cut out until a cell is asked for. */
class LineRow implements Row {
  length = 0;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(
    private readonly source: string,
    private readonly separator: string,
  ) {}

  /** Points the row at the line source[start, end). */
  load(start: number, end: number): void {
    let cell = 0;
    let from = start;
    for (;;) {
      const at = this.source.indexOf(this.separator, from);
      const last = at < 0 || at >= end;
      this.starts[cell] = from;
      this.ends[cell] = last ? end : at;
      cell++;
      if (last) break;
      // Two code units for a separator outside the BMP (--delimiter 📈).
      from = at + this.separator.length;
    }
    this.length = cell;
  }
  cells(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.source.slice(this.starts[i], this.ends[i]));
  }
  text(i: number): string {
    return i < this.length ? unpadded(this.source.slice(this.starts[i], this.ends[i])) : "";
  }
  decimal(i: number): number | undefined {
    if (i >= this.length) return undefined;
    // biome-ignore lint/style/noNonNullAssertion: i < this.length, and cells 0 .. length-1 have their bounds set.
    return simpleDecimal(this.source, this.starts[i]!, this.ends[i]!) ?? decimalCell(this.text(i));
  }
}

/**
 * Calls `onRow(row, n)` for each row (n 1-based), without keeping the rows. The cells are those Papa Parse
 * gives; a text with no `"` and no `\r` is cut by hand into the same cells (tested against it).
 *
 * @example
 * eachRow("Date,Close\n2020-01-02,10\n", undefined, (row, n) => console.log(n, row.text(0)))
 */
export function eachRow(
  text: string,
  delimiter: string | undefined,
  onRow: (row: Row, n: number) => void,
): void {
  if (text.includes('"') || text.includes("\r")) papaRows(text, delimiter, onRow);
  else lineRows(text, delimiter ?? guessSeparator(text), onRow);
}

function papaRows(text: string, delimiter: string | undefined, onRow: (row: Row, n: number) => void): void {
  let n = 0;
  Papa.parse<string[]>(text, {
    // The separator guessed as every other reader guesses it, not by Papa Parse's own guess here.
    delimiter: delimiter ?? guessSeparator(text),
    step: (result) => {
      n++;
      const [error] = result.errors;
      if (error) throw new BarsError(error.message.replace(/\.$/, "").toLowerCase(), n);
      onRow(new ParsedRow(result.data), n);
    },
  });
}

/**
 * The separator of `text` among , ; and tab, as Papa Parse guesses it from its first rows with their blank
 * lines passed over (its first lines will do; a comma when none fits). Papa Parse takes a separator only
 * where the rows average two fields or more, and counted the empty row after a final line break as a row
 * of one: a file of two columns and a few rows (Day;Close and a bar) averaged less, and was split at
 * commas.
 *
 * @example
 * guessSeparator("Date;Close\n2020-01-02;10\n") // ";"
 */
export function guessSeparator(text: string): string {
  let end = 0;
  for (let line = 0; line < SEPARATOR_GUESS_LINES && end >= 0; line++) end = text.indexOf("\n", end + 1);
  const head = end < 0 ? text : text.slice(0, end);
  // With no semicolon and no tab, only the comma can be taken, and it is the default too (parsing to find
  // that: 4 ms of CPU).
  if (!head.includes(";") && !head.includes("\t")) return ",";
  return Papa.parse<string[]>(head, {
    delimiter: "",
    delimitersToGuess: SEPARATORS,
    skipEmptyLines: true,
    preview: 1,
  }).meta.delimiter;
}

/** Lines cut at "\n", cells at the separator: RFC 4180 without quotes, as Papa Parse reads it. */
function lineRows(text: string, separator: string, onRow: (row: Row, n: number) => void): void {
  if (text === "") return;
  const row = new LineRow(text, separator);
  let n = 0;
  let start = 0;
  // As Papa Parse: a final line break is followed by one more (empty) row.
  while (start <= text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    row.load(start, end);
    onRow(row, ++n);
    start = end + 1;
  }
}
