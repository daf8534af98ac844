// CSV bar files through Papa Parse (RFC 4180 quoting, BOM, CRLF / LF / CR lines, separator detected), with
// an optional Symbol column holding many series in one file.

import { type Bar, type BarColumns, BarsError, barColumns } from "@stock-patterns/core";
import Papa from "papaparse";
import type { ReadOptions, Series } from "./series";
import { TimeReader } from "./times";

const SEPARATORS = [",", ";", "\t"];
// A plain decimal number: Number() alone would also take "0x10", "1e", "" and " ".
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Calls `onRow(cells, row)` for each row (1-based), without keeping the rows. */
function eachRow(
  text: string,
  delimiter: string | undefined,
  onRow: (cells: string[], row: number) => void,
): void {
  let row = 0;
  Papa.parse<string[]>(text, {
    delimiter: delimiter ?? "",
    delimitersToGuess: SEPARATORS,
    step: (result) => {
      row++;
      const error = result.errors.find((e) => e.type !== "Delimiter");
      if (error) throw new BarsError(error.message.replace(/\.$/, "").toLowerCase(), row);
      onRow(result.data, row);
    },
  });
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
  let columns: BarColumns | undefined;
  let symbolColumn = -1;
  eachRow(text, options.delimiter, (values, row) => {
    if (values.length === 1 && values[0].trim() === "") return;
    if (!columns) {
      columns = barColumns(values);
      symbolColumn = values.findIndex((name) => name.trim().toLowerCase() === "symbol");
      return;
    }
    const symbol = symbolColumn < 0 ? options.symbol : (values[symbolColumn] ?? "").trim();
    if (symbol === "") throw new BarsError("symbol is missing", row);
    const time = (values[columns.time] ?? "").trim();
    if (time === "") throw new BarsError("time is missing", row);
    const bar: Bar = { time: times.read(time, row), close: Number.NaN };
    for (const [field, index] of columns.fields) {
      const raw = (values[index] ?? "").trim();
      if (raw === "") {
        if (field === "close") throw new BarsError("close is missing", row);
        continue;
      }
      if (!DECIMAL.test(raw)) throw new BarsError(`${field} "${raw}" is not a number`, row);
      bar[field] = Number(raw);
    }
    let series = bySymbol.get(symbol);
    if (!series) {
      series = { bars: [], rows: [] };
      bySymbol.set(symbol, series);
    }
    series.bars.push(bar);
    series.rows.push(row);
  });
  if (!columns) throw new BarsError("no bars: the input is empty");
  if (bySymbol.size === 0) throw new BarsError("no bars: the series is empty");
  return [...bySymbol].map(([symbol, { bars, rows }]) => ({ symbol, bars, rows }));
}
