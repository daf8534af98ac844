// One symbol, one file: two inputs that give the same symbol print lines no reader can tell apart (a
// line's file is not printed, only its symbol).

import { UsageError } from "../../io";
import type { Input } from "./inputs";

/** The line refusing `symbol` from both files, the one given first first. */
const bothGive = (first: string, second: string, symbol: string) =>
  `${first} and ${second} both give the symbol ${symbol}, whose lines could not be told apart (rename one, or scan them apart)`;

/**
 * The file each symbol printed comes from, by the inputs' order: the files' names' symbols claimed before
 * anything is printed (claimNames), a Symbol column's as its series are printed.
 *
 * @example
 * const claims = claimNames(inputs); // throws when d2/AAA.csv and d3/AAA.csv are both given
 * claims.clash("AAA", "long.csv", 2) // the line refusing it, or undefined
 */
export class SymbolClaims {
  private readonly holders = new Map<string, { file: string; order: number }>();

  /**
   * Claims `symbol` for `file`, the input at `order` in the arguments' order: undefined when no other file
   * holds it, else the line that refuses it.
   */
  clash(symbol: string, file: string, order: number): string | undefined {
    const holder = this.holders.get(symbol);
    if (holder === undefined) this.holders.set(symbol, { file, order });
    else if (holder.file !== file)
      return holder.order <= order
        ? bothGive(holder.file, file, symbol)
        : bothGive(file, holder.file, symbol);
    return undefined;
  }
}

/**
 * The claims of the inputs' names (as listed, before a long file is cut by symbol), refusing a file given
 * twice or two files whose names give one symbol before anything is read or printed.
 *
 * @example
 * claimNames([{ file: "d2/AAA.csv", symbol: "AAA" }, { file: "d3/AAA.csv", symbol: "AAA" }]) // throws
 */
export function claimNames(inputs: readonly Input[]): SymbolClaims {
  const claims = new SymbolClaims();
  const files = new Set<string>();
  for (const [order, { file, symbol }] of inputs.entries()) {
    if (files.has(file)) throw new UsageError(`${file} is given twice`);
    files.add(file);
    const refused = claims.clash(symbol, file, order);
    if (refused !== undefined) throw new UsageError(refused);
  }
  return claims;
}
