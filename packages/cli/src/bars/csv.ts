// CSV bar files through Papa Parse (RFC 4180 quoting, BOM, CRLF / LF / CR lines, separator detected), with
// an optional Symbol column holding many series in one file.

import {
  type Bar,
  BarsError,
  barColumns,
  cutQuoted,
  type NumericField,
  priceProblem,
  quotedCell,
  quotedText,
  symbolColumnOf,
  volumeProblem,
} from "@stock-patterns/core";
import { holdsValues, withoutHeader } from "./headerless";
import { numberHint } from "./number-hint";
import { eachRow, guessSeparator, type Row } from "./rows";
import { separatorHint } from "./separator-hint";
import type { ReadOptions, Series } from "./series";
import { holdToRule } from "./symbol-given";
import { type PassedOverSymbol, passedOverSymbol } from "./symbol-synonym";
import { type PassedOverTime, passedOverTime, timeOfDayHint, timeOfDayRefusal } from "./time-of-day";
import { NotInLayout, TimeReader } from "./times";
import { vendorHeaderHint } from "./vendor-headers";

/** The column of each numeric field, -1 when the header has none. */
type FieldColumns = Record<NumericField, number>;

/**
 * A numeric cell: undefined when empty or absent; throws naming the row when it is not a plain decimal
 * (saying how to write one a spreadsheet wrote: numberHint), or one the valid-bar rule refuses. The rule is checked here, where the cell is at hand, so that the refusal
 * shows it as written: core's check of the bar (barProblem) shows the number read, "0" for a close of -0
 * and "Infinity" for 1e400.
 */
function numberCell(row: Row, index: number, field: NumericField, n: number): number | undefined {
  if (index < 0) return undefined;
  const value = row.decimal(index);
  if (value === undefined) return undefined;
  if (Number.isNaN(value)) {
    const text = row.text(index);
    throw new BarsError(`${field} ${quotedCell(text)} is not a number${numberHint(text)}`, n);
  }
  const problem = field === "volume" ? volumeProblem(value) : priceProblem(value);
  // A plain decimal (decimalCell's rule): digits, a sign, a point, an exponent, nothing to quote.
  if (problem !== undefined) throw new BarsError(`${field} ${row.text(index)} ${problem}`, n);
  return value;
}

/**
 * A row's bar, its fields checked in the order close, open, high, low, volume. A bar with every field is
 * made by one literal: it keeps them all in the object, where a bar grown field by field moves the later
 * ones to a second array (more memory per bar, and garbage as it grows). Others are set by name, not by a
 * computed key, so they too share one shape per set of fields.
 */
function rowBar(row: Row, time: string, at: FieldColumns, n: number): Bar {
  const close = numberCell(row, at.close, "close", n);
  if (close === undefined) throw new BarsError("close is missing", n);
  const open = numberCell(row, at.open, "open", n);
  const high = numberCell(row, at.high, "high", n);
  const low = numberCell(row, at.low, "low", n);
  const volume = numberCell(row, at.volume, "volume", n);
  if (open !== undefined && high !== undefined && low !== undefined && volume !== undefined)
    return { time, close, open, high, low, volume };
  const bar: Bar = { time, close };
  if (open !== undefined) bar.open = open;
  if (high !== undefined) bar.high = high;
  if (low !== undefined) bar.low = low;
  if (volume !== undefined) bar.volume = volume;
  return bar;
}

/** How much of a header's cells a message quotes. */
const QUOTED_CELLS = 100;

/**
 * The columns of a header row and its Symbol column (-1 when none); a header without a time or Close
 * column, or with two columns of one name (Symbol's too), is refused with the separator its cells were
 * split at and the cells themselves: a wrong --delimiter (or a separator detected where the file meant
 * another) otherwise read as a file without those columns. A first row of values is named as what it is: a
 * file without a header (headerless.ts); a vendor's names for the columns, as whose they are (vendor-headers.ts).
 */
function headerColumns(values: string[], delimiter: string | undefined, text: string) {
  try {
    return { ...barColumns(values), symbol: symbolColumnOf(values) };
  } catch (error) {
    if (!(error instanceof BarsError)) throw error;
    const separator = delimiter ?? guessSeparator(text);
    const at = separator === "\t" ? "tab" : quotedText(separator);
    const how = delimiter === undefined ? "as detected among , ; and tab" : "as --delimiter asks";
    const cells = cutQuoted(values.map((value) => quotedText(value)).join(", "), QUOTED_CELLS);
    const headerless = holdsValues(values) ? withoutHeader(values.length) : undefined;
    const reason = headerless?.reason ?? error.reason;
    throw new BarsError(
      `${reason} (its cells split at ${at}, ${how}: ${cells})${headerless?.after ?? (vendorHeaderHint(values) || separatorHint(values, separator))}`,
      1,
    );
  }
}

/**
 * Reads CSV text (header first) into series (see Series for what is checked where): one per value of a Symbol column, or one named
 * `options.symbol`. Throws BarsError naming the row and the problem.
 *
 * @example
 * readCsv("Date,Close\n2020-01-02,10\n2020-01-03,11", { symbol: "SPX" }) // [{ symbol: "SPX", bars: [...] }]
 */
export function readCsv(text: string, options: ReadOptions): Series[] {
  const times = new TimeReader(options.dateFormat);
  const bySymbol = new Map<string, Omit<Series, "symbol">>();
  let timeColumn = -1;
  let at: FieldColumns | undefined;
  let symbolColumn = -1;
  let headerCells = 0;
  let passedOver: Required<PassedOverTime> | undefined;
  let symbolsPassedOver: PassedOverSymbol | undefined;
  eachRow(text, options.delimiter, (cells, row) => {
    if (cells.length === 1 && cells.text(0) === "") return;
    if (!at) {
      const values = cells.cells();
      headerCells = values.length;
      const columns = headerColumns(values, options.delimiter, text);
      timeColumn = columns.time;
      passedOver = passedOverTime(values, timeColumn);
      at = { close: -1, open: -1, high: -1, low: -1, volume: -1 };
      for (const [field, index] of columns.fields) at[field] = index;
      symbolColumn = columns.symbol;
      symbolsPassedOver = passedOverSymbol(values);
      return;
    }
    // A row may end before its last cells (they are absent), never run past the header: its cells would
    // no longer be under their names (an unquoted 1,400 read as a close of 1).
    if (cells.length > headerCells)
      throw new BarsError(
        `${cells.length} cells where the header has ${headerCells}${lfInCells(cells.cells(), text)}`,
        row,
      );
    const symbol = symbolColumn < 0 ? options.symbol : cells.text(symbolColumn);
    let series = bySymbol.get(symbol);
    if (!series) {
      // A Symbol cell's value is checked at its first row, not at each (a file's name is its caller's).
      if (symbolColumn >= 0) holdToRule(symbol, row, "the Symbol cell");
      series = { bars: [], rows: [] };
      bySymbol.set(symbol, series);
    }
    const time = cells.text(timeColumn);
    if (time === "") throw new BarsError("time is missing", row);
    let read: string;
    try {
      read = times.read(time, row);
    } catch (error) {
      if (!(error instanceof BarsError) || passedOver === undefined) throw error;
      const refusal = timeOfDayRefusal(time, cells.text(passedOver.column - 1), passedOver);
      if (refusal !== undefined) throw new BarsError(refusal, row);
      // Date and Time columns under a layout of both (DD/MM/YYYY HH:mm): only the first column is read.
      if (error instanceof NotInLayout)
        throw new BarsError(`${error.reason}: ${timeOfDayHint(passedOver)}`, row);
      throw error;
    }
    const bar = rowBar(cells, read, at, row);
    series.bars.push(bar);
    series.rows.push(row);
  });
  if (!at) throw new BarsError("no bars: the input is empty");
  if (bySymbol.size === 0) throw new BarsError("no bars: the series is empty");
  // What a refusal of the series' order says more: the column passed over, the times as written.
  const more: Pick<Series, "passedOverTime" | "passedOverSymbol" | "dateFormat"> = {};
  if (passedOver) more.passedOverTime = passedOver;
  if (symbolsPassedOver) more.passedOverSymbol = symbolsPassedOver;
  if (options.dateFormat) more.dateFormat = options.dateFormat;
  return [...bySymbol].map(([symbol, series]) => ({ symbol, ...series, ...more }));
}

/**
 * What a refusal of a row with too many cells adds when one holds a line break outside quotes: Papa Parse
 * ends lines where the first line ends, so after a header ending in CR LF, lines ending in LF alone are read
 * as one row (as numberHint tells the other way round, a CR left in a cell).
 *
 * @example
 * lfInCells(["2020-01-02", "1\n2020-01-03", "2"], "Date,Close\r\n2020-01-02,1\n...") // ": its lines end in LF alone where ..."
 */
function lfInCells(cells: readonly string[], text: string): string {
  const firstBreak = text.indexOf("\n");
  return text[firstBreak - 1] === "\r" && cells.some((cell) => cell.includes("\n"))
    ? ": its lines end in LF alone where the file's first line ends in CR LF, so they read as one row; give every line one ending (dos2unix FILE)"
    : "";
}
