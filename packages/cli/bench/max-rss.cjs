// Preloaded into the measured `patterns` process: at exit, writes its peak resident memory (KiB) and the
// CPU time it used (ms, user and system), worker threads included as they share the process, to file
// descriptor 3, which the benchmark reads. CPU time says what the work costs even on a busy machine.
// CommonJS, preloaded with --require: an ES module preloaded with --import makes Node start its ES module
// loader, which a user's `patterns` run (a CommonJS bin) no longer does (~6 ms a run).
const { writeSync } = require("node:fs");

process.on("exit", () => {
  const usage = process.resourceUsage();
  writeSync(
    3,
    JSON.stringify({ maxRss: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }),
  );
});
