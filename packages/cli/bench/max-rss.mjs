// Preloaded into the measured `patterns` process: at exit, writes its peak resident memory (KiB, worker
// threads included, as they share the process) to file descriptor 3, which the benchmark reads.
import { writeSync } from "node:fs";

process.on("exit", () => {
  writeSync(3, String(process.resourceUsage().maxRSS));
});
