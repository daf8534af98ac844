// A file of one series that names a second symbol: its Symbol column or a JSON bar's symbol key. Read as
// one series, its bars were refused at their first time out of order, for a reason that never said the
// file holds more than one (`row 3: time "2024-01-02" is not after the previous bar's "2024-01-02"`).

import { unpadded } from "../contracts/padding";
import { BarsError, quotedCell } from "./errors";

/**
 * A check for each row's symbol (a cell or a key's value; none, or an empty one, passes): a BarsError on
 * the first row naming a symbol other than the first named (in any case, as the stream stores symbols
 * upper-cased).
 *
 * @example
 * const sameSymbol = oneSymbol();
 * sameSymbol("AAPL", 2); sameSymbol("aapl", 3); // passes
 * sameSymbol("MSFT", 4); // BarsError: row 4: symbol "MSFT" where row 2 has "AAPL": …
 */
export function oneSymbol(): (symbol: unknown, row: number) => void {
  let first: { said: string; symbol: string; row: number } | undefined;
  return (given, row) => {
    if (typeof given !== "string" || unpadded(given) === "") return;
    const said = unpadded(given);
    const symbol = said.toUpperCase();
    if (first === undefined) first = { said, symbol, row };
    else if (symbol !== first.symbol)
      throw new BarsError(
        `symbol ${quotedCell(said)} where row ${first.row} has ${quotedCell(first.said)}: these bars are read as one series, and the file holds more than one`,
        row,
      );
  };
}
