// The files a --replay path stands for: the file itself, or a folder's files of bars, as `patterns scan DIR`
// reads a folder.

import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { isSeriesFile, SERIES_FILES } from "@stock-patterns/cli/bars";
import { UsageError } from "./options";

/**
 * The files `path` stands for: itself, or a folder's .csv, .json and .txt files in name order (hidden
 * ones and sub-folders passed over, as `patterns scan DIR`); a UsageError, naming the folder as `said`,
 * for a folder that holds none or an entry that is no regular file (a FIFO's read could wait for ever).
 *
 * @example
 * replayFiles("universe"); // ["universe/AAPL.csv", "universe/MSFT.csv"]
 */
export function replayFiles(path: string, said = path): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const names = readdirSync(path).filter(isSeriesFile).sort();
  const files: string[] = [];
  for (const name of names) {
    const file = join(path, name);
    const stat = statSync(file);
    if (stat.isDirectory()) continue;
    if (!stat.isFile()) throw new UsageError(`--replay ${join(said, name)} is not a regular file`);
    files.push(file);
  }
  if (files.length === 0) throw new UsageError(`--replay ${said} holds no ${SERIES_FILES}`);
  return files;
}
