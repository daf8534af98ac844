// Why a file's name gives no symbol the API takes, in one sentence: for a FILE given, which refuses the
// run, and for a file in a DIR, which is set aside.

import { quotedText, SYMBOL_RULE, SYMBOL_SHAPE } from "@stock-patterns/core";
import { shown } from "../../shown";

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
