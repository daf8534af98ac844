// Starts one scheduled ThresholdChecker run in a process of its own (test/checker-process.ts) with a given
// heap limit, asynchronously: the emulators it calls answer from the caller's process.

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ScheduledRun } from "#handlers/threshold-checker";

const RUNNER = fileURLToPath(new URL("./checker-process.ts", import.meta.url));

/** What the run printed (when it finished), and how its process ended. */
export interface CheckerRun {
  report?: {
    answer: ScheduledRun;
    ms: number;
    peakHeapMB: number;
    peakExternalMB: number;
    peakRssMB: number;
  };
  status: number | null;
  signal: string | null;
  /** The lines of its error output that say why it stopped. */
  error: string[];
}

/**
 * One run with `heapMB` of old space (node --max-old-space-size), the caller's environment but for the
 * X-Ray SDK's manual mode (tracing-off.ts): in its automatic mode, as on Lambda, its async hook's contexts
 * count in the heap measured.
 *
 * @example
 * const { report } = await checkerRun(256); // report.peakHeapMB
 */
export function checkerRun(heapMB: number): Promise<CheckerRun> {
  const child = spawn(process.execPath, [`--max-old-space-size=${heapMB}`, "--import", "tsx", RUNNER], {
    env: { ...process.env, AWS_XRAY_MANUAL_MODE: undefined },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status, signal) =>
      resolve({
        report: status === 0 ? JSON.parse(stdout) : undefined,
        status,
        signal,
        error: stderr
          .split("\n")
          .filter((line) => /heap|memory|Error/i.test(line))
          .slice(0, 3),
      }),
    );
  });
}
