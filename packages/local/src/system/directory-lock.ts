// One running system per directory: a second start on the out or data directory of a running system is
// refused before it touches anything there (its logs, outputs.json, the LevelDB files of the tables and
// stream), and a lock left by a system that did not stop cleanly is taken over.

import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { uptime } from "node:os";
import { join } from "node:path";

/**
 * The lock file: the process id of the system using the directory, on its first line; on Linux a second
 * line says which process that is (processIdentity).
 */
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

/**
 * Whether process `pid` runs: there, and not a zombie (a process that ended and that its parent has not
 * reaped yet, state Z or X in /proc/PID/stat; under a PID 1 that never reaps, as in a container without an
 * init, it stays so for good and the killed system's lock was never taken over).
 */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // Without /proc there is no state to read: signal 0 reaching it is all there is to go on.
  const state = statFields(pid)?.[0];
  return state !== "Z" && state !== "X";
}

/**
 * The fields of /proc/PID/stat (proc(5)) from the third, its state, on: the command's name before them may
 * hold spaces and ends at the last ")". Undefined where there is no /proc, or no such process.
 */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/**
 * Which process `pid` is, on Linux: this boot's id and the process's start in clock ticks since boot
 * (proc(5): /proc/sys/kernel/random/boot_id, field 22 of /proc/PID/stat). No clock is read, so it holds
 * when the wall clock is stepped (a VM resumed, WSL after the laptop slept) and when an id is reused.
 * Undefined where there is no /proc, or no such process.
 */
export function processIdentity(pid: number): string | undefined {
  try {
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const start = statFields(pid)?.[22 - 3];
    return boot && start ? `${boot} ${start}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The process a lock file names while that process holds it. A lock with the writer's identity is held
 * while a process of that identity runs. One without (written by an earlier release, or where there is
 * no /proc) is held unless it was written before this machine started: its process is gone then, and its
 * id may belong to another program now.
 */
function holderOf(file: string): number | undefined {
  try {
    const [first = "", identity] = readFileSync(file, "utf8").split("\n");
    const pid = Number.parseInt(first, 10);
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    if (identity) return processIdentity(pid) === identity ? pid : undefined;
    return statSync(file).mtimeMs < Date.now() - uptime() * 1000 ? undefined : pid;
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
      const identity = processIdentity(process.pid);
      writeFileSync(file, `${process.pid}\n${identity ? `${identity}\n` : ""}`, { flag: "wx" });
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
