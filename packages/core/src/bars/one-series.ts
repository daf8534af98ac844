// A file of one series that names a second symbol: its Symbol column or a JSON bar's symbol key. Read as
// one series, its bars were refused at their first time out of order, for a reason that never said the
// file holds more than one (`row 3: time "2024-01-02" is not after the previous bar's "2024-01-02"`).

import { unpadded } from "../contracts/padding";
import { SYMBOL_SHAPE, storedSymbol } from "../contracts/symbol-rule";
import { BarsError, quotedCell } from "./errors";

/** A symbol as the stream stores it (storedSymbol) when it has a symbol's shape, else as written. */
const asStored = (symbol: string) => (SYMBOL_SHAPE.test(symbol) ? storedSymbol(symbol) : symbol);

/**
 * The symbol a file of one series names, row by row (a cell or a key's value; none, or an empty one,
 * names nothing): a BarsError on the first row naming a symbol other than the first named, in any case,
 * as the stream stores symbols (core's storedSymbol).
 *
 * @example
 * const symbol = new SeriesSymbol();
 * symbol.check("AAPL", 2); symbol.check("aapl", 3); symbol.named; // "AAPL"
 * symbol.check("MSFT", 4); // BarsError: row 4: symbol "MSFT" where row 2 has "AAPL": …
 */
export class SeriesSymbol {
  #first: { said: string; row: number } | undefined;

  /** The symbol the rows name, as the first wrote it; undefined when none names one. */
  get named(): string | undefined {
    return this.#first?.said;
  }

  check(given: unknown, row: number): void {
    if (typeof given !== "string" || unpadded(given) === "") return;
    const said = unpadded(given);
    const first = this.#first;
    if (first === undefined) this.#first = { said, row };
    else if (asStored(said) !== asStored(first.said))
      throw new BarsError(
        `symbol ${quotedCell(said)} where row ${first.row} has ${quotedCell(first.said)}: these bars are read as one series, and the file holds more than one`,
        row,
      );
  }
}
