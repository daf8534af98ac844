// One symbol, one file: two inputs that give the same symbol print lines no reader can tell apart (a
// line's file is not printed, only its symbol).

import { SYMBOL_RULE, SYMBOL_SHAPE } from "@stock-patterns/core";
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
 * The claims of the inputs' names (as listed, before a long file is cut by symbol), refusing before anything
 * is read or printed a file given twice, two files whose names give one symbol, and a name that gives no
 * symbol the API would take (SYMBOL_RULE: a line feed in it broke the table). Standard input's "-" and a
 * pipe's number (`<(...)` is /dev/fd/63) are symbols as they are.
 *
 * @example
 * claimNames([{ file: "d2/AAA.csv", symbol: "AAA" }, { file: "d3/AAA.csv", symbol: "AAA" }]) // throws
 */
export function claimNames(inputs: readonly Input[]): SymbolClaims {
  const claims = new SymbolClaims();
  const files = new Set<string>();
  for (const [order, { file, symbol }] of inputs.entries()) {
    if (files.has(file)) throw new UsageError(`${file} is given twice`);
    if (file !== "-" && !SYMBOL_SHAPE.test(symbol))
      throw new UsageError(
        `${file}: ${SYMBOL_RULE} (its name gives ${JSON.stringify(symbol)}; rename the file)`,
      );
    files.add(file);
    const refused = claims.clash(symbol, file, order);
    if (refused !== undefined) throw new UsageError(refused);
  }
  return claims;
}
