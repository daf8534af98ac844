// The files of `patterns scan FILE... | DIR`, in a stable order, each with the symbol its name gives.

import { join } from "node:path";
import type { FilePart, SharedRuns, SymbolRows } from "../../bars";
import { badFileSymbol, isSeriesFile, SERIES_FILES, symbolOf } from "../../bars/series-files";
import { type CliIo, type DirectoryEntries, UsageError } from "../../io";
import { shown } from "../../shown";
import { readFailure } from "./read-failure";

/**
 * One input file and the symbol of its bars (when it has no Symbol column); a part of it (parts.ts), or
 * the rows of its Symbol column's `symbol` (symbol-rows.ts): where they lie, or its runs of rows in the
 * file's bytes held in shared memory.
 */
export interface Input {
  file: string;
  symbol: string;
  part?: FilePart;
  rows?: SymbolRows;
  runs?: { shared: SharedRuns; first: number };
}

/**
 * What the inputs of one long file cut by symbol share (symbol-rows.ts), the same object for all of them
 * in this thread; undefined for any other input.
 */
export const cutOf = (input: Input | undefined): object | undefined =>
  input?.rows?.header ?? input?.runs?.shared;

/** What inputsOf asks of the file system (CliIo's list and realPath). */
export type Listing = Pick<CliIo, "list" | "realPath">;

/** The inputs the arguments stand for, and where each file really is. */
export interface ListedInputs {
  inputs: Input[];
  /**
   * Each input's file with its links resolved (CliIo.realPath; as given, without one), or undefined for a
   * file that is not there: its read names it, with the path meant (read-failure.ts).
   */
  realPaths: (string | undefined)[];
  /**
   * The lines naming what was set aside, in the arguments' order: a DIR that cannot be listed or holds no
   * series file, a file in a DIR whose name gives no symbol. Scan names each and scans the rest (status 2);
   * one bad directory had stopped the run before any good file, at the first bad name of several.
   */
  setAside: string[];
}

/** The line setting aside `file`, in a DIR, that is no regular file. */
const notRegular = (file: string) =>
  `${shown(file)} is not a regular file (a FIFO, a socket or a device): set aside, as its read may never end; give it as a FILE to read it`;

/**
 * Expands the arguments: files as given, a directory's .csv, .json and .txt files sorted by name (not its
 * hidden ones).
 *
 * @example
 * await inputsOf(["data/"], io) // { inputs: [{ file: "data/sp500-2000.csv", symbol: "sp500-2000" }], realPaths: [...] }
 */
export async function inputsOf(paths: readonly string[], io: Listing): Promise<ListedInputs> {
  // A script's unset variable (`patterns scan "$DIR"`): read as a file, it was refused as a name giving no
  // symbol, on a line that showed no name at all.
  if (paths.includes(""))
    throw new UsageError('a FILE is empty (""): give a file, a directory, or - for standard input');
  if (paths.includes("-") && paths.length > 1)
    throw new UsageError('"-" (standard input) must be the only FILE');
  const inputs: Input[] = [];
  const realPaths: (string | undefined)[] = [];
  const setAside: string[] = [];
  const realPath = (path: string) => (io.realPath === undefined || path === "-" ? path : io.realPath(path));
  for (const path of paths) {
    const entries = path === "-" ? undefined : await listed(path, io.list);
    if (typeof entries === "string") {
      setAside.push(entries);
      continue;
    }
    if (entries === undefined) {
      inputs.push({ file: path, symbol: symbolOf(path) });
      realPaths.push(realPath(path));
      continue;
    }
    const files = entries.files.filter(isSeriesFile).sort();
    const others = (entries.others ?? []).filter(isSeriesFile);
    if (files.length === 0 && others.length === 0) {
      setAside.push(`${shown(path)} holds no ${SERIES_FILES}`);
      continue;
    }
    // join(path, name) and symbolOf(name) for a name that is one plain segment with an extension, without
    // their passes over each name: 500 took ~20 ms, in interpreted code, before the first scan and the workers.
    const directory = join(path, "_").slice(0, -1);
    // The directory's own real path, once: its files are in it. A link among them is followed, alone (a real
    // path asked of each of 500 names would cost them all): it may lead to a file given too.
    const real = join(realPath(path) ?? path, "_").slice(0, -1);
    const links = new Set(entries.links);
    // A FIFO, a socket or a device among them is set aside, named: its read may wait for ever. Given as a
    // FILE, such as a shell's <(...), it is read.
    for (const name of others.sort()) setAside.push(notRegular(directory + name));
    for (const name of files) {
      const symbol = name.slice(0, name.lastIndexOf("."));
      const badName = badFileSymbol(directory + name, symbol);
      if (badName !== undefined) {
        setAside.push(badName);
        continue;
      }
      inputs.push({ file: directory + name, symbol });
      realPaths.push(links.has(name) ? realPath(directory + name) : real + name);
    }
  }
  return { inputs, realPaths, setAside };
}

/**
 * A directory's entry names, undefined when `path` is not one, or the line naming a directory that cannot
 * be listed (one this user may not read), its name shown as names are: Node's error had ended the process
 * with a stack, status 1, the name raw in its message (an ESC in it coloured the terminal).
 */
async function listed(path: string, list: CliIo["list"]): Promise<DirectoryEntries | string | undefined> {
  try {
    return await list(path);
  } catch (error) {
    return readFailure(path, error);
  }
}
