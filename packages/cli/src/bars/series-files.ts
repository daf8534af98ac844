// Which files of a folder hold a series, and the symbol a file's name gives it: one rule for
// `patterns scan DIR` and npm start's replay of a folder.

import { basename, extname } from "node:path";
import { quotedText, SYMBOL_RULE, SYMBOL_SHAPE } from "@stock-patterns/core";
import { shown } from "../shown";

const BAR_FILES = new Set([".csv", ".json", ".txt"]);

/** The files a folder's series are read from, as a refusal of a folder without any names them. */
export const SERIES_FILES = ".csv, .json or .txt files";

/**
 * Whether a folder's entry `name` may be a series file: a .csv, .json or .txt (in any case), not hidden.
 * Hidden files are passed over, as the shell's DIR/*.csv passes them over: macOS's ._A.csv beside A.csv
 * holds its attributes, not bars, and an editor's hidden copy would be read twice.
 *
 * @example
 * isSeriesFile("AAPL.csv") // true
 * isSeriesFile("._AAPL.csv") // false
 */
export const isSeriesFile = (name: string): boolean =>
  !name.startsWith(".") && BAR_FILES.has(extname(name).toLowerCase());

/**
 * The symbol a file's name gives: its name without directory and extension (AAPL.csv is AAPL); standard
 * input's "-" is "-".
 *
 * @example
 * symbolOf("data/BRK.B.txt") // "BRK.B"
 */
export function symbolOf(file: string): string {
  return file === "-" ? "-" : basename(file, extname(file));
}

/**
 * The line refusing `file` when the `symbol` its name gives breaks the API's rule (SYMBOL_RULE: a line feed
 * in it broke the table), else undefined; standard input's "-" is a symbol as it is.
 *
 * @example
 * badFileSymbol("data/my file.csv", "my file") // 'data/my file.csv: symbol must be 1-20 letters, ... (its name gives "my file"; rename the file)'
 * badFileSymbol("data/AAPL.csv", "AAPL") // undefined
 */
export function badFileSymbol(file: string, symbol: string): string | undefined {
  if (file === "-" || SYMBOL_SHAPE.test(symbol)) return undefined;
  return `${shown(file)}: ${SYMBOL_RULE} (its name gives ${quotedText(symbol)}; rename the file)`;
}
