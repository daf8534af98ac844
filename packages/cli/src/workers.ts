// Spreads `patterns scan` over worker threads: each takes the next file when it finishes one, so a few
// large files do not leave a thread idle.

import type { Worker } from "node:worker_threads";
import { FileQueue } from "./commands/scan/file-queue";
import type { ScanRunner } from "./commands/scan/runner";
import { freeSlots } from "./output-slots";
import type { ReadStart, WorkerReport, WorkerStart } from "./worker";

/**
 * A runner over `count` workers started from the compiled worker script at `script` (an absolute path). Each takes files
 * from the queue (the one it shares with this thread, or its own) from the moment it runs, and is
 * stopped once it finds none left: its thread's teardown then overlaps the scan's last files.
 *
 * @example
 * const run = workerThreads(2, join(__dirname, "worker.cjs"));
 */
export function workerThreads(count: number, script: string): ScanRunner {
  return (inputs, settings, onResult, shared) =>
    new Promise((resolve, reject) => {
      const queue = shared ?? new FileQueue(inputs.length);
      const { size, next } = queue;
      let running = Math.min(count, inputs.length);
      if (running === 0) return resolve();
      // Loaded at the first workers (not at the process's start: ~5 ms a run of one file never needs).
      const threads = process.getBuiltinModule("node:worker_threads") as typeof import("node:worker_threads");
      const workers: Worker[] = [];
      const fail = (error: Error) => {
        for (const worker of workers) void worker.terminate();
        reject(error);
      };
      for (let w = 0; w < running; w++) {
        // How many of its results this thread has taken: it waits when it is AHEAD of that.
        const received = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
        const start: WorkerStart = { inputs, settings, size, next, received };
        const worker = new threads.Worker(script, { workerData: start });
        workers.push(worker);
        let ended = false;
        worker.on("message", (report: WorkerReport) => {
          if ("ended" in report) {
            ended = true;
            void worker.terminate();
            if (--running === 0) resolve();
            return;
          }
          Atomics.add(received, 0, 1);
          Atomics.notify(received, 0);
          const { held } = report;
          onResult(report.index, report.result, held && (() => freeSlots(held)));
        });
        worker.on("error", fail);
        // Its report that it ended comes before this (a port's messages are taken before its exit).
        worker.on("exit", (code) => {
          if (!ended) fail(new Error(`a scan worker stopped (exit code ${code}) before its files were done`));
        });
      }
    });
}

/**
 * The fewest bytes readInThread reads in a thread: most of reading a file into fresh memory is the system
 * mapping that memory, and two threads mapping at once slow each other. Measured here: the 163 MB file's
 * 81 MB half read in a thread took 130 ms off the wall (about 2 ms a MB of the half, less the thread's
 * start of about 35 ms) and added 180 ms of CPU; so from about 17 MB a half pays, and from twice that it
 * clearly does.
 */
export const THREAD_READ_BYTES = 32 << 20;

/**
 * Reads `into.length` bytes of `file` from byte `position` on into `into` (shared memory) in a worker
 * started from `script` for that alone, stopped once it is done: resolves to true when all are read, false
 * when they were not (the file could not be read or is shorter, the thread failed); undefined, no thread
 * started, for fewer than THREAD_READ_BYTES.
 *
 * @example
 * const second = readInThread(join(__dirname, "worker.cjs"), "universe.csv", bytes.subarray(half), half);
 */
export function readInThread(
  script: string,
  file: string,
  into: Uint8Array,
  position: number,
): Promise<boolean> | undefined {
  if (into.length < THREAD_READ_BYTES) return undefined;
  const threads = process.getBuiltinModule("node:worker_threads") as typeof import("node:worker_threads");
  return new Promise((resolve) => {
    const start: ReadStart = { read: { file, into, position } };
    const worker = new threads.Worker(script, { workerData: start });
    const done = (read: boolean) => {
      resolve(read);
      void worker.terminate();
    };
    worker.once("message", (read: number) => done(read === into.length));
    worker.once("error", () => done(false));
    worker.once("exit", () => done(false));
  });
}
