// Which path a missing file's name was meant as, for any reader of files: the CLI and `npm start --replay`.
// Core has no node imports (the console shares it), so the caller answers the file system's two questions.

import { nearMisses } from "./near-miss";

/** What meantPaths asks of the file system: whether a path is there, and the names a folder holds. */
export interface PathLookup {
  exists(path: string): boolean;
  /** The names in folder `path`; throws when it cannot be read. */
  names(path: string): string[];
}

/**
 * The paths a missing `file` was likely meant as: its first part that is not there put right by that part's
 * near misses among what its folder holds (nearMisses: case, a letter or two), where the path so put right
 * is there; none when the first missing part's folder cannot be read.
 *
 * @example
 * meantPaths("data/SPX.CSV", lookup) // ["data/spx.csv"], when data/ holds spx.csv
 * meantPaths("dat/spx.csv", lookup) // ["data/spx.csv"]
 */
export function meantPaths(file: string, lookup: PathLookup): string[] {
  const parts = file.split("/");
  const through = (end: number) => parts.slice(0, end).join("/");
  for (let i = 0; i < parts.length; i++) {
    if (lookup.exists(through(i + 1) || "/")) continue;
    let names: string[];
    try {
      names = lookup.names(i === 0 ? "." : through(i) || "/");
    } catch {
      return [];
    }
    return nearMisses(parts[i] ?? "", names)
      .map((name) => [...parts.slice(0, i), name, ...parts.slice(i + 1)].join("/"))
      .filter((path) => lookup.exists(path));
  }
  return [];
}
