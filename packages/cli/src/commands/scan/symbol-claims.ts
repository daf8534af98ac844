// One symbol, one file: two inputs that give the same symbol would mix two series under it (scan prints a
// line's symbol, not its file; stats pools by symbol). A symbol is the one the API stores (storedSymbol),
// so aapl.csv and AAPL.csv give one, and so do a Symbol column's aapl and AAPL.

import { storedSymbol } from "@stock-patterns/core";
import { badFileSymbol } from "../../bars/series-files";
import { UsageError } from "../../io";
import { shown } from "../../shown";
import { cutOf, type Input, type ListedInputs } from "./inputs";

/** The line refusing `symbol` from both files, the one given first first. */
const bothGive = (first: string, second: string, symbol: string) =>
  `${shown(first)} and ${shown(second)} both give the symbol ${symbol}: its results would mix two series (rename one, or give them in separate runs)`;

/** The line refusing a file whose Symbol column writes one symbol two ways. */
const twoWays = (file: string, first: string, second: string, symbol: string) =>
  `${shown(file)} gives the symbol ${symbol} as both ${first} and ${second}: its results would mix two series (write it one way)`;

/** The file a symbol comes from, and how its series' rows write it (none yet for a file's name's claim). */
interface Holder {
  file: string;
  written?: string;
}

/**
 * The file each symbol comes from, by the inputs' order: the files' names' symbols claimed before anything
 * is read (claimNames), a long file's cut by symbol before it is scanned (claimCut), any other Symbol
 * column's as its series are printed (scan) or pooled (stats). Symbols are claimed as stored (upper case).
 *
 * @example
 * const claims = claimNames(await inputsOf(paths, io)); // throws when d2/AAA.csv and d3/aaa.csv are both given
 * claims.clash("AAA", "long.csv") // the line refusing it, or undefined
 */
export class SymbolClaims {
  private readonly holders = new Map<string, Holder>();
  /** Each file's place among the inputs as listed, for naming two files in that order. */
  private readonly order = new Map<string, number>();

  /**
   * Claims a series' `symbol` (as its file writes it) for `file`: undefined when no other file holds it
   * and the file has written it no other way, else the line that refuses it.
   */
  clash(symbol: string, file: string): string | undefined {
    return this.claim(symbol, file, symbol);
  }

  /** Claims the symbol of `file`'s name (the series of its bars when it has no Symbol column). */
  claimName(symbol: string, file: string): string | undefined {
    return this.claim(symbol, file, undefined);
  }

  /** Claims each of `symbols` for `file` (clash): the line refusing the first another file holds, if any. */
  clashAmong(symbols: readonly string[], file: string): string | undefined {
    for (const symbol of symbols) {
      const refused = this.clash(symbol, file);
      if (refused !== undefined) return refused;
    }
    return undefined;
  }

  /**
   * Claims the symbols of a long file's inputs cut by symbol (symbol-rows.ts), known before it is read:
   * throws the line refusing the first that another file gives.
   */
  claimCut(inputs: readonly Input[]): void {
    for (const { file, symbol } of inputs.filter((input) => cutOf(input) !== undefined)) {
      const refused = this.clash(symbol, file);
      if (refused !== undefined) throw new UsageError(refused);
    }
  }

  /** Lists `file`, the next input of the arguments: false when it is listed already (given twice). */
  list(file: string): boolean {
    if (this.order.has(file)) return false;
    this.order.set(file, this.order.size);
    return true;
  }

  private claim(symbol: string, file: string, written: string | undefined): string | undefined {
    const stored = storedSymbol(symbol);
    const holder = this.holders.get(stored);
    if (holder === undefined) this.holders.set(stored, { file, written });
    else if (holder.file !== file)
      return this.placeOf(holder.file) <= this.placeOf(file)
        ? bothGive(holder.file, file, stored)
        : bothGive(file, holder.file, stored);
    else if (holder.written === undefined) holder.written = written;
    else if (written !== undefined && written !== holder.written)
      return twoWays(file, holder.written, written, stored);
    return undefined;
  }

  private placeOf(file: string): number {
    return this.order.get(file) ?? this.order.size;
  }
}

/** The line refusing `file`, found at the same real path as `first` (one file by two paths). */
const givenTwice = (first: string, file: string) =>
  first === file
    ? `${shown(file)} is given twice`
    : `${shown(first)} and ${shown(file)} are one file, given twice`;

/**
 * The claims of the inputs' names (as listed, before a long file is cut by symbol), refusing before anything
 * is read or printed a file given twice (by one path or two: aaa.csv and /data/aaa.csv, by their real
 * paths), two files whose names give one symbol (in either case: aapl.csv and AAPL.csv), and a name that
 * gives no symbol the API would take (badFileSymbol). A pipe's number (`<(...)` is /dev/fd/63) is a symbol
 * as it is. A file that is not there (its real path undefined, inputsOf) claims nothing: its read names it,
 * with the path meant, and the other files are scanned (`scan -- --json` had said "--json: symbol must be").
 *
 * @example
 * claimNames({ inputs: [{ file: "d2/AAA.csv", symbol: "AAA" }, { file: "d3/AAA.csv", symbol: "AAA" }], realPaths: [...] }) // throws
 */
export function claimNames({ inputs, realPaths }: ListedInputs): SymbolClaims {
  const claims = new SymbolClaims();
  // The file first given at each real path.
  const given = new Map<string, string>();
  for (const [i, { file, symbol }] of inputs.entries()) {
    if (!claims.list(file)) throw new UsageError(givenTwice(file, file));
    const real = realPaths[i];
    if (real === undefined) continue;
    const first = given.get(real);
    if (first !== undefined) throw new UsageError(givenTwice(first, file));
    given.set(real, file);
    const badName = badFileSymbol(file, symbol);
    if (badName !== undefined) throw new UsageError(badName);
    const refused = claims.claimName(symbol, file);
    if (refused !== undefined) throw new UsageError(refused);
  }
  return claims;
}
