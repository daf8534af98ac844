// Whole processes timed as a user meets them: a command run to completion, its stdout into a file (or,
// with BENCH_CLI_STDOUT=pipe, through a pipe), its peak RSS and CPU from what max-rss.cjs writes at its exit.

import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync } from "node:fs";

/** Where the measured commands' stdout goes: "file" (a user's redirect) or "pipe" (read by this process). */
export const STDOUT = process.env.BENCH_CLI_STDOUT === "pipe" ? "pipe" : "file";

interface Run {
  ms: number;
  lines: number;
  peakRssMiB?: number;
  cpuMs?: number;
}

/** The lines in a file, counted a piece at a time (the universe's output is ~157 MB). */
function linesIn(file: string): number {
  const fd = openSync(file, "r");
  const piece = Buffer.allocUnsafe(1 << 20);
  let lines = 0;
  try {
    for (let got = readSync(fd, piece); got > 0; got = readSync(fd, piece)) {
      const bytes = got === piece.length ? piece : piece.subarray(0, got);
      for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines++;
    }
  } finally {
    closeSync(fd);
  }
  return lines;
}

/**
 * Runs a command to completion, its stdout into `outFile` (lines counted after the clock stops) or, with
 * BENCH_CLI_STDOUT=pipe, through a pipe counted as it comes; peak RSS and CPU from the file max-rss.cjs
 * writes at the command's exit, when it writes one.
 */
function timed(command: string, args: string[], outFile: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const out = STDOUT === "file" ? openSync(outFile, "w") : "pipe";
    const started = performance.now();
    const usageFile = `${outFile}.usage.json`;
    rmSync(usageFile, { force: true });
    const child = spawn(command, args, {
      stdio: ["ignore", out, "inherit"],
      env: { ...process.env, BENCH_USAGE_FILE: usageFile },
    });
    // The child holds its own copy of the file's descriptor.
    if (typeof out === "number") closeSync(out);
    let lines = 0;
    // Counted with indexOf: a loop over every byte of the universe's 157 MB took 0.7-1 s of CPU in this
    // process, on the cores the measured CLI runs on.
    child.stdout?.on("data", (chunk: Buffer) => {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`${command} ${args.join(" ")} exited ${code}`));
      else {
        const usage = existsSync(usageFile)
          ? (JSON.parse(readFileSync(usageFile, "utf8")) as { maxRss: number; cpuMs: number })
          : undefined;
        resolve({
          ms,
          lines: typeof out === "number" ? linesIn(outFile) : lines,
          peakRssMiB: usage && Math.round(usage.maxRss / 1024),
          cpuMs: usage && Math.round(usage.cpuMs),
        });
      }
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const [low, high] = [sorted[mid - 1], sorted[mid]];
  if (high === undefined) return Number.NaN;
  return sorted.length % 2 || low === undefined ? high : (low + high) / 2;
}

/** Runs a command `runs` times (timed): the median wall and CPU time, the highest peak RSS, the lines printed. */
export async function measure(name: string, runs: number, command: string, args: string[], outFile: string) {
  const done: Run[] = [];
  for (let run = 0; run < runs; run++) {
    const finished = await timed(command, args, outFile);
    done.push(finished);
    process.stderr.write(`  ${name}: run ${run + 1}/${runs} ${finished.ms.toFixed(0)} ms\n`);
  }
  const peaks = done.map((r) => r.peakRssMiB).filter((p): p is number => p !== undefined);
  const cpu = done.map((r) => r.cpuMs).filter((c): c is number => c !== undefined);
  return {
    name,
    runs,
    medianMs: Math.round(median(done.map((r) => r.ms))),
    medianCpuMs: cpu.length ? Math.round(median(cpu)) : undefined,
    peakRssMiB: peaks.length ? Math.max(...peaks) : undefined,
    detections: done[0]?.lines,
  };
}
