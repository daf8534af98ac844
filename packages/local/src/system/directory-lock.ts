// One running system per directory: a second start on the out or data directory of a running system is
// refused before it touches anything there (its logs, outputs.json, the LevelDB files of the tables and
// stream), and a lock left by a system that did not stop cleanly is taken over.

import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
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

/** A directory the system cannot make or write: a file in its path, no permission, a read-only disk. */
export class UnusableDirectory extends Error {
  constructor(
    readonly directory: string,
    /** What the system keeps there: `out` (outputs.json and logs) or `data` (tables, stream, keys). */
    readonly role: "out" | "data",
    reason: string,
  ) {
    super(`cannot use ${directory} (${reason})`);
    this.name = "UnusableDirectory";
  }
}

/**
 * Make `directory` (and `subdirectory` in it) and take it for this process, as `lockDirectory`; a
 * directory that cannot be made or written is an UnusableDirectory, said with the system's own reason.
 *
 * @example
 * const release = takeDirectory(".local", "out", "logs"); // ...run...; release();
 */
export function takeDirectory(directory: string, role: "out" | "data", subdirectory = ""): () => void {
  try {
    mkdirSync(join(directory, subdirectory), { recursive: true });
    return lockDirectory(directory);
  } catch (error) {
    if (error instanceof DirectoryInUse) throw error;
    throw new UnusableDirectory(directory, role, (error as Error).message);
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
 * Take `directory` for this process until it gives it back or exits; answers how to give it back. Throws
 * DirectoryInUse when a running process holds it (this one too: two systems of one process may not share
 * a directory either).
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
  const release = () => {
    process.off("exit", release);
    if (holderOf(file) === process.pid) rmSync(file, { force: true });
  };
  // An exit that skips the stop (npm start's forced exit, a second Ctrl-C) gives the directory back too.
  process.on("exit", release);
  return release;
}
