// V8's background threads set for a run that scans on this thread alone (the 300,000-bar file): by default
// up to four optimizing compiles and the young collections' helper threads share the one core the scan
// leaves free, and every young collection waits until each of them has stopped (pauses of 5-20 ms where the
// collection's own work took 0.3, on our 2-core machines).

/**
 * The size from which a file's scan on one thread is set so: its cold scan is long enough to pay for
 * node:v8's load (~6 ms, 120 page faults). A 4.2 MB file (75,000 bars, 16 alternating rounds at load 4.1-4.4):
 * wall 462 -> 436 ms, CPU 439 -> 419; a 24 KB file (300 bars, 30 rounds at load 4-4.9): CPU 158 -> 167; the
 * S&P file (416 KB) and a 1.1 MB one: no difference resolved.
 */
export const LONG_FILE_BYTES = 4 << 20;

/**
 * The most cores a machine may have to be set so: measured on our 2-core machines, where the scan leaves one
 * core to everything else. With more, V8's compiles and collection helpers run side by side on cores of their
 * own, as its defaults assume.
 */
export const ONE_SPARE_CORE = 2;

/**
 * Whether the machine's other cores were free of late (the 1-minute load average under the cores: a run of its
 * own keeps it near 1.3): the setting pays only then. With another process holding the second core (one at
 * 130% CPU beside the runs, 20 alternating rounds) it cost: wall 621 -> 727 ms, CPU 587 -> 700, one compile
 * thread getting one share of the contended core where four got four. 0 where the system has no load average
 * (Windows): set so.
 */
export function otherCoresFree(cores: number): boolean {
  const os = process.getBuiltinModule("node:os") as typeof import("node:os");
  return (os.loadavg()[0] ?? 0) < cores;
}

/** Whether this process has been set so (once is enough: V8's flags are the process's). */
let set = false;

/**
 * Tells V8 that this process scans on its one thread: one optimizing compile at a time (a hot function's
 * code comes sooner than when four compiles share the spare core, and the compiler's memory is made once)
 * and young collections done by this thread alone (no helper to wait for). 300,000 bars --json, 12
 * alternating pairs at load 1.9-2.1: wall 439 -> 379 ms, CPU 571 -> 522, page faults 7,244 -> 6,635
 * (including node:v8's load); with the gates below, at load 1.0-1.5, 16 rounds: 406 -> 371 (16 of 16). Not
 * when another process holds the other core (otherCoresFree). Not for a run with workers: the universe's 500
 * files, which compile in two threads, took longer so (6 pairs, wall 1202 -> 1237 ms, CPU 2049 -> 2151).
 *
 * @example
 * if (size >= LONG_FILE_BYTES) scanOnOneThread(); // then scan the file here
 */
export function scanOnOneThread(): void {
  if (set) return;
  set = true;
  const v8 = process.getBuiltinModule("node:v8") as typeof import("node:v8");
  // Both are read by V8 when used (each compile queued, each young collection), so they take effect now.
  v8.setFlagsFromString("--concurrent-turbofan-max-threads=1");
  v8.setFlagsFromString("--no-parallel-scavenge");
}
