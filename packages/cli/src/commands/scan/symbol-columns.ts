// Which inputs may give symbols besides their names' (a Symbol column not cut by symbol), told from each
// file's first bytes before any is scanned: a command holds the run's lines until those have told theirs.

import { mayHoldSymbolColumn, readFully } from "../../bars";
import type { CliIo } from "../../io";
import { cutOf, type Input } from "./inputs";

/** The bytes of a file's head read for its header: a longer header is taken as one with a Symbol column. */
const HEAD_BYTES = 4 << 10;

/**
 * The indexes of `inputs` whose symbols are known only once they are read: those that may have a Symbol
 * column (mayHoldSymbolColumn) and are not cut by symbol (their symbols claimed already), a pipe (read
 * once: its head is not looked at), any when `io` opens no files. None for one input: nothing is printed
 * before its own lines. A file that cannot be opened gives none (its scan says why).
 *
 * @example
 * symbolColumns([{ file: "SPX.csv", symbol: "SPX" }, { file: "long.csv", symbol: "long" }], io) // Set { 1 }
 */
export function symbolColumns(inputs: readonly Input[], io: CliIo): Set<number> {
  const found = new Set<number>();
  if (inputs.length < 2) return found;
  const head = Buffer.allocUnsafe(HEAD_BYTES);
  for (let index = 0; index < inputs.length; index++) {
    const input = inputs[index] as Input;
    if (cutOf(input) === undefined && mayGiveSymbols(input.file, head, io)) found.add(index);
  }
  return found;
}

/** Whether `file` may have a Symbol column, its head read into `head`. */
function mayGiveSymbols(file: string, head: Buffer, io: CliIo): boolean {
  if (io.withFile === undefined) return true;
  try {
    const told = io.withFile(file, (source) => {
      const read = readFully(source, head, 0);
      return mayHoldSymbolColumn(head.subarray(0, read), read < head.length);
    });
    return told ?? true;
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException).code !== "string") throw error;
    return false;
  }
}
