// A JSON bar file of many series: each bar names its symbol under a symbol key (core's barSymbol), as a
// long CSV file's rows do in its Symbol column. The first bar tells whether the file's bars name theirs, as
// a CSV file's header tells whether it has the column.

import { BarsError, barSymbol, isJsonObject, quotedCell } from "@stock-patterns/core";
import { holdToRule } from "./symbol-given";

/** Where a JSON bar's symbol is, for a refusal of it. */
const SYMBOL_KEY = "the symbol key";

/**
 * The rows (1-based array positions) of each symbol the JSON bars `items` name, in order of first
 * appearance; every row under `named` (the file's name's symbol) when the first bar names none. When it
 * names one, each bar must: one without is refused at its row ("symbol is missing"), as an empty Symbol cell
 * is; when it names none, a later bar that names one is refused, where it was passed over and the file's
 * bars read as one series. A symbol is held to the API's rule at its first row, as a Symbol cell's is. An
 * item that is no object names none (jsonBars refuses it).
 *
 * @example
 * symbolRows([{ symbol: "A", close: 1 }, { symbol: "B", close: 2 }, { symbol: "A", close: 3 }], "FILE") // Map { "A" => [1, 3], "B" => [2] }
 * symbolRows([{ close: 1 }, { close: 2 }], "FILE") // Map { "FILE" => [1, 2] }
 */
export function symbolRows(items: readonly unknown[], named: string): Map<string, number[]> {
  const names = new Map<string, boolean>();
  const symbolAt = (index: number) => {
    const item = items[index];
    return isJsonObject(item) ? barSymbol(item, index + 1, names) : undefined;
  };
  const bySymbol = new Map<string, number[]>();
  if (items.length === 0 || symbolAt(0) === undefined) {
    items.forEach((_, index) => {
      const symbol = symbolAt(index);
      if (symbol !== undefined)
        throw new BarsError(
          `symbol ${given(symbol)} where row 1 names none: a file's bars name their symbol in every bar or in none (a file whose bars name none is one series)`,
          index + 1,
        );
    });
    bySymbol.set(
      named,
      items.map((_, index) => index + 1),
    );
    return bySymbol;
  }
  items.forEach((_, index) => {
    const row = index + 1;
    const symbol = symbolAt(index) ?? "";
    if (typeof symbol !== "string")
      throw new BarsError(`symbol must be a string (${SYMBOL_KEY} gives ${given(symbol)})`, row);
    let rows = bySymbol.get(symbol);
    if (rows === undefined) {
      holdToRule(symbol, row, SYMBOL_KEY);
      rows = [];
      bySymbol.set(symbol, rows);
    }
    rows.push(row);
  });
  return bySymbol;
}

/** A symbol key's value as a refusal shows it: a string quoted as a cell is, anything else as JSON. */
const given = (value: unknown) => (typeof value === "string" ? quotedCell(value) : JSON.stringify(value));
