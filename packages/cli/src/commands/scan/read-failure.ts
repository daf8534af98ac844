// Why a file could not be read, or which of its rows is bad, in words (the same in the main thread and in a
// worker, for scan and for stats).

import { didYouMean, meantPaths } from "@stock-patterns/core";
import { shown } from "../../shown";

/**
 * @example
 * readFailure("spx.csv", Object.assign(new Error(), { code: "ENOENT" })) // "cannot read spx.csv: no such file"
 * // data/SPX.CSV where data/spx.csv is: "cannot read data/SPX.CSV: no such file (did you mean data/spx.csv?)"
 * // spx.csv's mode refusing this user (EACCES): "cannot read spx.csv: permission denied"
 * // spx.csv a link to the missing old/spx.csv: "cannot read spx.csv: it is a link to old/spx.csv, which does not exist"
 * readFailure("/home/ann/u/spx.csv", error, "u/spx.csv") // "cannot read u/spx.csv: ..." (looked at by the first, named by the second)
 */
export function readFailure(file: string, error: unknown, said = file): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === "ENOENT" ? missingFile(file) : code === "EISDIR" ? "it is a directory" : systemWords(error);
  return `cannot read ${shown(said)}: ${reason}`;
}

/**
 * The system's words in a file system error's message ("EACCES: permission denied, open 'x.csv'" gives
 * "permission denied"), which its code alone ("EACCES") does not say to a reader who is not a programmer;
 * the code, or the error, when its message has none.
 *
 * @example
 * systemWords(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" })) // "no space left on device"
 */
export function systemWords(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const words = typeof message === "string" ? /^E[A-Z]+: ([^,]+),/.exec(message)?.[1] : undefined;
  return words ?? String(code ?? error);
}

/**
 * Why `file` was not found: a name that is itself there, as a link whose target is not, is told apart from
 * one that is not there at all (both fail to open with ENOENT), with the target as the link holds it.
 */
function missingFile(file: string): string {
  // Loaded only on this failure, as main.ts loads node:fs (its namespace import costs every run).
  const { lstatSync, readlinkSync } = process.getBuiltinModule("node:fs");
  try {
    if (file !== "-" && lstatSync(file).isSymbolicLink())
      return `it is a link to ${shown(readlinkSync(file))}, which does not exist`;
  } catch {
    // Not there at all (or gone since): the plain words below.
  }
  return `no such file${didYouMean(meantPathsOf(file).map(shown))}`;
}

/** The paths a missing `file` was likely meant as (core's meantPaths), asked of the file system. */
function meantPathsOf(file: string): string[] {
  if (file === "-") return [];
  const { existsSync, readdirSync } = process.getBuiltinModule("node:fs");
  return meantPaths(file, { exists: existsSync, names: (folder) => readdirSync(folder) });
}

/**
 * A bad row's message (a BarsError's, which names the row) with the file it is in, standard input named
 * "-" as it was given.
 *
 * @example
 * badRow("spx.csv", new BarsError("close -2 is not positive", 3)) // "spx.csv: row 3: close -2 is not positive"
 */
export function badRow(file: string, error: Error): string {
  return `${shown(file)}: ${error.message}`;
}
