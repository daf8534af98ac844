// One running system per directory: a second start on the out or data directory of a running system is
// refused before it touches anything there (its logs, outputs.json, the LevelDB files of the tables and
// stream), and a lock left by a system that did not stop cleanly is taken over.

import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { uptime } from "node:os";
import { join } from "node:path";

/** The lock file: the process id of the system using the directory. */
export const LOCK_FILE = "stock-patterns.pid";

/** Another running system holds the directory. */
export class DirectoryInUse extends Error {
  constructor(
    readonly directory: string,
    readonly pid: number | undefined,
  ) {
    super(`another stock-patterns system${pid ? ` (process ${pid})` : ""} is running with ${directory}`);
    this.name = "DirectoryInUse";
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The process a lock file names, unless the lock was written before this machine started: its process
 * is gone then, and its id may belong to another program now.
 */
function holderOf(file: string): number | undefined {
  try {
    if (statSync(file).mtimeMs < Date.now() - uptime() * 1000) return undefined;
    const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Take `directory` for this process; answers how to give it back. Throws DirectoryInUse when a running
 * process holds it (this one too: two systems of one process may not share a directory either).
 *
 * @example
 * const release = lockDirectory(".local"); // ...run...; release();
 */
export function lockDirectory(directory: string): () => void {
  const file = join(directory, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = holderOf(file);
      // Held by a live process, or taken by another start in the moment since the stale lock was removed.
      if (attempt > 0 || (holder !== undefined && running(holder)))
        throw new DirectoryInUse(directory, holder);
      rmSync(file, { force: true }); // left by a system that was killed: nothing uses the directory now
    }
  }
  return () => {
    if (holderOf(file) === process.pid) rmSync(file, { force: true });
  };
}
