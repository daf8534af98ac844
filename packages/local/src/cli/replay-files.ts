// The files a --replay path stands for: the file itself, or a folder's files of bars, as `patterns scan DIR`
// reads a folder.

import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { isSeriesFile, SERIES_FILES } from "@stock-patterns/cli/bars";
import { readFailure } from "@stock-patterns/cli/read-failure";
import { UsageError } from "./options";

/**
 * The files `path` stands for: itself, or a folder's .csv, .json and .txt files in name order (hidden
 * ones and sub-folders passed over, as `patterns scan DIR`); a UsageError, naming the folder as `said`,
 * for a folder that holds none. An entry that is no regular file (a FIFO's read could wait for ever), or
 * that cannot be looked at (a link to a file that is gone), is handed to `setAside` in a line, as
 * `patterns scan DIR` sets it aside; without `setAside`, refused.
 *
 * @example
 * replayFiles("universe"); // ["universe/AAPL.csv", "universe/MSFT.csv"]
 */
export function replayFiles(path: string, said = path, setAside?: (line: string) => void): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const names = readdirSync(path).filter(isSeriesFile).sort();
  const files: string[] = [];
  for (const name of names) {
    const file = join(path, name);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(file);
    } catch (error) {
      // A link to a file that is gone, or an entry gone since it was listed.
      passedOver(unreadable(file, error, join(said, name)), setAside);
      continue;
    }
    if (stat.isDirectory()) continue;
    if (stat.isFile()) files.push(file);
    else
      passedOver(
        new UsageError(
          `--replay: ${join(said, name)} is not a regular file (a FIFO, a socket or a device), whose read may never end`,
        ),
        setAside,
      );
  }
  if (files.length === 0) throw new UsageError(`--replay ${said} holds no ${SERIES_FILES}`);
  return files;
}

/**
 * The refusal of `file`, which the system would not open or stat (`error`), in the CLI's words, naming it
 * as `said` (the path as typed; `file` may be resolved): a link to a file that is gone names where it
 * points. Any other error is thrown as it is.
 */
export function unreadable(file: string, error: unknown, said = file): UsageError {
  if (typeof (error as NodeJS.ErrnoException).code !== "string") throw error;
  return new UsageError(`--replay: ${readFailure(file, error, said)}`);
}

/**
 * A file of a folder that cannot be replayed (`refusal` says why), handed to `setAside` as a line saying
 * it is set aside, as `patterns scan DIR` sets such a file aside and reads the others; thrown without it.
 */
export function passedOver(refusal: UsageError, setAside: ((line: string) => void) | undefined): void {
  if (setAside === undefined) throw refusal;
  setAside(`${refusal.message} (set aside; the folder's other files are replayed)`);
}
