// A symbol a file's rows give (a Symbol cell, a JSON bar's symbol key), held to the API's rule as a file's
// name that gives one is: the output's symbols are ones the API would take.

import { BarsError, quotedCell, SYMBOL_RULE, SYMBOL_SHAPE } from "@stock-patterns/core";

/**
 * Throws naming `row` when `symbol`, given by `where` ("the Symbol cell"), is empty or breaks the API's rule
 * for symbols (SYMBOL_SHAPE).
 *
 * @example
 * holdToRule("a b", 3, "the Symbol cell") // throws BarsError: row 3: symbol must be ... (the Symbol cell gives "a b")
 */
export function holdToRule(symbol: string, row: number, where: string): void {
  if (symbol === "") throw new BarsError("symbol is missing", row);
  if (!SYMBOL_SHAPE.test(symbol))
    throw new BarsError(`${SYMBOL_RULE} (${where} gives ${quotedCell(symbol)})`, row);
}
