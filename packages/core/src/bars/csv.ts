// Reads bars from CSV with Yahoo-style headers in any case; only a time column and Close are required. Cells
// are padded and numbers written by the rules the CLI reads them by (unpadded, decimalCell).

import { unpadded } from "../contracts/padding";
import { itemAt } from "../engine/indexed";
import type { Bar } from "../types";
import { barColumns, symbolColumnOf } from "./columns";
import { decimalCell } from "./decimal";
import { BarsError, quotedCell } from "./errors";
import { SeriesSymbol } from "./one-series";
import { validateBars } from "./validate";

function cells(line: string): string[] {
  return line.split(",").map((cell) => unpadded(cell).replace(/^"(.*)"$/, "$1"));
}

/**
 * Parses CSV text (header first, every comma a separator: no quoted commas) into validated bars of one
 * series; throws BarsError naming the row and the problem. A Symbol column's cells go to `symbol`, which
 * refuses a second symbol and keeps the one named.
 *
 * @example
 * parseBarsCsv("Date,Close\n2020-01-02,10\n2020-01-03,11") // two bars
 */
export function parseBarsCsv(text: string, symbol = new SeriesSymbol()): Bar[] {
  const lines = text.split(/\r?\n/);
  const headerIndex = lines.findIndex((line) => unpadded(line) !== "");
  const header = lines[headerIndex];
  if (header === undefined) throw new BarsError("no bars: the input is empty");
  const names = cells(header);
  const columns = barColumns(names);
  const symbolAt = symbolColumnOf(names);
  const bars: Bar[] = [];
  const rows: number[] = [];
  for (const [i, line] of lines.entries()) {
    if (i <= headerIndex || unpadded(line) === "") continue;
    const row = i + 1;
    const values = cells(line);
    // A row may end before its last cells, never run past the header: its cells would no longer be under
    // their names (an unquoted 1,400 read as a close of 1). This reader splits on every comma.
    if (values.length > names.length)
      throw new BarsError(`${values.length} cells where the header has ${names.length}`, row);
    if (symbolAt >= 0) symbol.check(values[symbolAt], row);
    const bar: Bar = { time: values[columns.time] ?? "", close: Number.NaN };
    for (const [field, index] of columns.fields) {
      const raw = values[index] ?? "";
      if (raw === "") {
        if (field === "close") throw new BarsError("close is missing", row);
        continue;
      }
      const value = decimalCell(raw) ?? Number.NaN;
      if (!Number.isFinite(value)) throw new BarsError(`${field} ${quotedCell(raw)} is not a number`, row);
      bar[field] = value;
    }
    if (bar.time === "") throw new BarsError("time is missing", row);
    bars.push(bar);
    rows.push(row);
  }
  return validateBars(bars, (index) => itemAt(rows, index));
}
