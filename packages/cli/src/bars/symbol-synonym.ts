// A file of many symbols whose header names the symbols' column another way than Symbol (Polygon's flat
// files and many vendors' exports write `ticker`, kdb+'s `sym`), or whose JSON bars so name their key: the
// column is not read, its rows are read as one series, and the refusal at a day's second bar ("time ... is
// not after the previous bar's") did not say why. The refusal names the column (or key) and how to have it
// read.

import { type Bar, headerName, isJsonObject, quotedCell, timeValue, unpadded } from "@stock-patterns/core";

/** Names a header may give the symbols' column that this reader does not read as one. */
const SYMBOL_SYNONYMS: ReadonlySet<string> = new Set(["ticker", "tickers", "sym"]);

/**
 * A header's column (or a JSON bar's key) named as symbols are but not read as them: its name as written,
 * and a column's place (1-based).
 */
export interface PassedOverSymbol {
  name: string;
  column?: number;
}

/**
 * The header's column that names symbols by another name than Symbol, when the header has no Symbol
 * column; else undefined.
 *
 * @example
 * passedOverSymbol(["Date", "Ticker", "Close"]) // { name: "Ticker", column: 2 }
 * passedOverSymbol(["Date", "Symbol", "Ticker", "Close"]) // undefined
 */
export function passedOverSymbol(header: readonly string[]): PassedOverSymbol | undefined {
  const names = header.map((cell) => headerName(cell));
  if (names.includes("symbol")) return undefined;
  const at = names.findIndex((name) => SYMBOL_SYNONYMS.has(name));
  return at < 0 ? undefined : { name: unpadded(header[at] as string), column: at + 1 };
}

/**
 * The key of a JSON bar that names symbols by another name than symbol, when none of its keys is symbol;
 * else undefined (and for what is no object).
 *
 * @example
 * passedOverSymbolKey({ date: "2024-01-02", ticker: "AAA", close: 10 }) // { name: "ticker" }
 */
export function passedOverSymbolKey(bar: unknown): PassedOverSymbol | undefined {
  if (!isJsonObject(bar)) return undefined;
  const keys = Object.keys(bar);
  if (keys.some((key) => unpadded(key).toLowerCase() === "symbol")) return undefined;
  const key = keys.find((name) => SYMBOL_SYNONYMS.has(unpadded(name).toLowerCase()));
  return key === undefined ? undefined : { name: key };
}

/**
 * What a refusal of the bar at `index` adds when a column of symbols is passed over and the bar is refused
 * for its order (its time not after the one before, as the next symbol's bar of a day, or its first, is):
 * which column, and how to have it read. Undefined otherwise.
 *
 * @example
 * symbolColumnHint({ name: "Ticker", column: 2 }, bars, 1)
 * // 'the "Ticker" column (column 2) is not read, so the file is read as one series: name it Symbol to read a series per symbol'
 */
export function symbolColumnHint(
  passedOver: PassedOverSymbol | undefined,
  bars: readonly Bar[],
  index: number,
): string | undefined {
  const bar = bars[index];
  const previous = bars[index - 1];
  if (passedOver === undefined || bar === undefined || previous === undefined) return undefined;
  if (!(timeValue(bar.time) <= timeValue(previous.time))) return undefined;
  const { name, column } = passedOver;
  return column === undefined
    ? `the key ${quotedCell(name)} is not read, so the bars are read as one series: name it symbol to read a series per symbol`
    : `the ${quotedCell(name)} column (column ${column}) is not read, so the file is read as one series: name it Symbol to read a series per symbol`;
}
