// Preloaded into the measured `patterns` process: at exit, writes its peak resident memory (KiB) and the
// CPU time it used (ms, user and system), worker threads included as they share the process, to the file
// BENCH_USAGE_FILE names, which the benchmark reads. CPU time says what the work costs even on a busy
// machine. A file, not an inherited descriptor: a run that restarts itself with huge pages (huge-pages.ts)
// keeps its environment and standard streams, not other descriptors, and both measures span the restart
// (getrusage(2): kept across execve).
// CommonJS, preloaded with --require: an ES module preloaded with --import makes Node start its ES module
// loader, which a user's `patterns` run (a CommonJS bin) no longer does (~6 ms a run).
const { writeFileSync } = require("node:fs");

process.on("exit", () => {
  const usage = process.resourceUsage();
  const file = process.env.BENCH_USAGE_FILE;
  if (file === undefined) return;
  writeFileSync(
    file,
    JSON.stringify({ maxRss: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }),
  );
});
