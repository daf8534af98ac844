// Spreads `patterns scan` (and `patterns stats`) over worker threads: each takes the next file when it
// finishes one, so a few large files do not leave a thread idle.

import type { Worker } from "node:worker_threads";
import { FileQueue } from "./commands/scan/file-queue";
import type { Input } from "./commands/scan/inputs";
import type { ScanRunner } from "./commands/scan/runner";
import type { FileResult, ScanSettings } from "./commands/scan/scan-file";
import type { CountedResult, CountRunner, CountSettings } from "./commands/stats/counted-file";
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
    spreadOver<ScanSettings, FileResult>(count, script, inputs, settings, onResult, shared);
}

/**
 * A runner of `patterns stats` over `count` workers, as workerThreads: each counts the files it takes.
 *
 * @example
 * const count = countingThreads(1, join(__dirname, "worker.cjs"));
 */
export function countingThreads(count: number, script: string): CountRunner {
  return (inputs, settings, onResult, shared) =>
    spreadOver<CountSettings, CountedResult>(count, script, inputs, settings, onResult, shared);
}

/** The files of `inputs` spread over `count` workers, each posting what `settings` asks of a file. */
function spreadOver<Settings extends ScanSettings | CountSettings, Result>(
  count: number,
  script: string,
  inputs: readonly Input[],
  settings: Settings,
  onResult: (index: number, result: Result, printed?: () => void) => void,
  shared: FileQueue | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
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
      const worker = takeSpareThread(script, start) ?? new threads.Worker(script, { workerData: start });
      workers.push(worker);
      let ended = false;
      // Each report is taken in a turn of its own, in the order they came: a port hands over every message
      // waiting in one task, and the printing of each result frees memory for the workers' next files, so a
      // run of results went on to the last file before a stop signal (waiting since a write to a full pipe)
      // was seen, and every file was taken (a slow reader's Ctrl-C: "60 of 60 files scanned").
      worker.on("message", (report: WorkerReport) => {
        if (!("ended" in report)) {
          Atomics.add(received, 0, 1);
          Atomics.notify(received, 0);
        }
        setImmediate(() => {
          if ("ended" in report) {
            ended = true;
            void worker.terminate();
            if (--running === 0) resolve();
            return;
          }
          const { held } = report;
          onResult(report.index, report.result as Result, held && (() => freeSlots(held)));
        });
      });
      worker.on("error", fail);
      // Its report that it ended comes before this (a port's messages are taken before its exit), and is
      // taken in the turn before this one's.
      worker.on("exit", (code) =>
        setImmediate(() => {
          if (!ended)
            fail(new Error(`a worker thread stopped (exit code ${code}) before its files were done`));
        }),
      );
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
 * Threads that read a part of a file (readInThread) and wait, unreferenced, for a scan to take them: the
 * scan that follows such a read needs a thread as soon as the read is cut, and a new one spent 150 to 180 ms
 * starting (loading and compiling the worker's script) while the main thread scanned alone. A thread is
 * spare from its read's end until a scan takes it or it exits; the process ends without waiting for one.
 */
const spareThreads: { script: string; worker: Worker; forget: () => void }[] = [];

/** A spare thread of `script`, told to scan as `start` says, or undefined when there is none. */
function takeSpareThread(script: string, start: WorkerStart): Worker | undefined {
  const at = spareThreads.findIndex((spare) => spare.script === script);
  if (at < 0) return undefined;
  // biome-ignore lint/style/noNonNullAssertion: findIndex found it.
  const { worker, forget } = spareThreads.splice(at, 1)[0]!;
  forget();
  worker.ref();
  worker.postMessage(start);
  return worker;
}

/** How many spare threads wait (for tests). */
export const spareThreadCount = (): number => spareThreads.length;

/**
 * Reads `into.length` bytes of `file` from byte `position` on into `into` (shared memory) in a worker
 * started from `script` for that, which then waits as a spare thread for the scan that follows (or is
 * stopped, when the read failed): resolves to true when all are read, false when they were not (the file
 * could not be read or is shorter, the thread failed); undefined, no thread started, for fewer than
 * THREAD_READ_BYTES.
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
    const failed = () => {
      const at = spareThreads.findIndex((spare) => spare.worker === worker);
      if (at >= 0) spareThreads.splice(at, 1);
      resolve(false);
      void worker.terminate();
    };
    const read = (count: number) => {
      if (count !== into.length) return failed();
      worker.unref();
      spareThreads.push({ script, worker, forget: () => worker.off("error", failed).off("exit", failed) });
      resolve(true);
    };
    worker.once("message", read);
    worker.once("error", failed);
    worker.once("exit", failed);
  });
}
