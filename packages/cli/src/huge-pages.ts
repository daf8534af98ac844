// A run about to read a large file whole into memory restarts itself, once, with glibc's malloc asking the
// kernel for transparent huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1: madvise(MADV_HUGEPAGE) on the
// memory it maps), where the kernel gives them only to memory that asks (THP "madvise", the common
// default). The universe in one file by date, then symbol, is 163 MB read into fresh memory 4 KiB page by
// page (~57,000 faults); with huge pages ~12,000 (docs/benchmarks.md has the runs).

import { readFileSync } from "node:fs";

/** What a restart with huge pages needs of the machine and the process (a test gives its own). */
export interface HugePagesHost {
  platform: string;
  env: Record<string, string | undefined>;
  /** process.execve, where Node has it (22.15 on): the process replaced, not a child started. */
  execve?: (file: string, args: string[], env: Record<string, string | undefined>) => void;
  /** The kernel's THP mode ("always", "madvise", "never"), or undefined where it has none. */
  hugePagesMode(): string | undefined;
  /** Whether this Node runs on glibc (musl ignores GLIBC_TUNABLES: a restart would only cost). */
  glibc(): boolean;
  /** Node's path, run again. */
  execPath: string;
  /** What follows it on the command line to run again: Node's options, the script and its arguments. */
  commandArgs(): string[];
}

export const TUNABLE = "glibc.malloc.hugetlb=1";

/**
 * Whether a restart would give this process huge pages it does not have: on Linux with glibc, THP in
 * "madvise" mode, no GLIBC_TUNABLES of the user's (theirs are kept as they are, an empty one too), and a
 * Node that can replace its process; not in a process started by fork() (NODE_CHANNEL_FD), whose channel
 * to its parent would not survive the restart.
 *
 * @example
 * hugePagesWanted(thisProcess) // true on a glibc Linux with THP "madvise", once per run
 */
export function hugePagesWanted(host: HugePagesHost): boolean {
  return (
    host.platform === "linux" &&
    host.execve !== undefined &&
    host.env.GLIBC_TUNABLES === undefined &&
    host.env.NODE_CHANNEL_FD === undefined &&
    host.hugePagesMode() === "madvise" &&
    host.glibc()
  );
}

/**
 * Replaces this process with the same command and GLIBC_TUNABLES set, when hugePagesWanted says so (it
 * then does not return); false when it does not, or the replacement failed (the run goes on as it is).
 * Call it before anything is printed and before a thread starts. The restarted run keeps its process, its
 * environment and its standard streams; a descriptor past those that it was handed is not passed on (Node
 * marks inherited ones close-on-exec), which a caller that hands one over keeps by setting GLIBC_TUNABLES.
 */
export function restartWithHugePages(host: HugePagesHost = thisProcess): boolean {
  if (!hugePagesWanted(host)) return false;
  try {
    host.execve?.(host.execPath, [host.execPath, ...host.commandArgs()], {
      ...host.env,
      GLIBC_TUNABLES: TUNABLE,
    });
  } catch {
    // The same output without huge pages, only slower.
  }
  return false;
}

/** This process and its machine. */
export const thisProcess: HugePagesHost = {
  platform: process.platform,
  env: process.env,
  execve: typeof process.execve === "function" ? process.execve.bind(process) : undefined,
  hugePagesMode() {
    try {
      return /\[(\w+)\]/.exec(readFileSync("/sys/kernel/mm/transparent_hugepage/enabled", "latin1"))?.[1];
    } catch {
      return undefined;
    }
  },
  glibc() {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    return report?.header?.glibcVersionRuntime !== undefined;
  },
  execPath: process.execPath,
  commandArgs: () => [...process.execArgv, ...process.argv.slice(1)],
};
