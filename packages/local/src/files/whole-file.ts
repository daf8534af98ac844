// Files the local system keeps across runs are replaced whole: a process killed while writing one (or a
// reader at that moment) sees the old contents or the new, never a truncated mix.

import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { StorageFailure } from "../system/storage-failure";

/**
 * Replace `file` with `text`: written to a temporary file beside it, flushed to disk, then renamed over
 * it (a rename within a directory is atomic). `mode` is the new file's permissions (default 0o644).
 *
 * @example
 * writeWholeFile(".local/data/kinesis-checkpoints.json", JSON.stringify(positions));
 */
export function writeWholeFile(file: string, text: string, mode = 0o644): void {
  const directory = dirname(file);
  mkdirSync(directory, { recursive: true });
  // One writer per file (the directory lock), so one fixed name: a kill before the rename leaves one stray.
  const temporary = join(directory, `.${basename(file)}.tmp`);
  rmSync(temporary, { force: true });
  const fd = openSync(temporary, "wx", mode);
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    // A write to a descriptor names no file: the machine's refusal (the disk full) is said with this one.
    throw StorageFailure.of(file, error) ?? error;
  }
  closeSync(fd);
  renameSync(temporary, file);
}
