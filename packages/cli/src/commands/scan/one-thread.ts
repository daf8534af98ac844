// V8's background threads set for a run that scans on this thread alone (the 300,000-bar file): by default
// up to four optimizing compiles and the young collections' helper threads share the one core the scan
// leaves free, and every young collection waits until each of them has stopped (pauses of 5-20 ms where the
// collection's own work took 0.3, on our 2-core machines).

/** Whether this process has been set so (once is enough: V8's flags are the process's). */
let set = false;

/**
 * Tells V8 that this process scans on its one thread: one optimizing compile at a time (a hot function's
 * code comes sooner than when four compiles share the spare core, and the compiler's memory is made once)
 * and young collections done by this thread alone (no helper to wait for). 300,000 bars --json, 12
 * alternating pairs at load 1.9-2.1: wall 439 -> 379 ms, CPU 571 -> 522, page faults 7,244 -> 6,635
 * (including the ~8 ms node:v8 takes to load). Not for a run with workers: the universe's 500 files, which
 * compile in two threads, took longer so (6 pairs, wall 1202 -> 1237 ms, CPU 2049 -> 2151).
 *
 * @example
 * if (jobs < 2) scanOnOneThread(); // then scan the files here
 */
export function scanOnOneThread(): void {
  if (set) return;
  set = true;
  const v8 = process.getBuiltinModule("node:v8") as typeof import("node:v8");
  // Both are read by V8 when used (each compile queued, each young collection), so they take effect now.
  v8.setFlagsFromString("--concurrent-turbofan-max-threads=1");
  v8.setFlagsFromString("--no-parallel-scavenge");
}
