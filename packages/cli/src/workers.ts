// Spreads `patterns scan` over worker threads: each takes the next file when it finishes one, so a few
// large files do not leave a thread idle.

import { Worker } from "node:worker_threads";
import { FileQueue } from "./commands/scan/file-queue";
import type { ScanRunner } from "./commands/scan/runner";
import { freeSlots } from "./output-slots";
import type { ScanDone, ScanJob } from "./worker";

/**
 * Files a worker holds beyond the one it scans: it starts the next as soon as it posts a result, not
 * when this thread has taken the result and printed it (a print into a pipe waits for the reader, and a
 * scan in this thread takes a file's time).
 */
const QUEUED = 3;

/**
 * A runner over `count` workers started from the compiled worker script at `script`. With a queue it
 * shares with this thread, a worker takes its first files once it runs (until then this thread scans).
 *
 * @example
 * const run = workerThreads(2, new URL("./worker.cjs", import.meta.url));
 */
export function workerThreads(count: number, script: URL): ScanRunner {
  return (inputs, settings, onResult, shared) =>
    new Promise((resolve, reject) => {
      const queue = shared ?? new FileQueue(inputs.length);
      let given = 0;
      let finished = 0;
      const workers: Worker[] = [];
      const stop = () => {
        for (const worker of workers) void worker.terminate();
      };
      const endIfDone = () => {
        if (!queue.empty || finished < given) return;
        stop();
        resolve();
      };
      const give = (worker: Worker, first: boolean) => {
        const index = queue.take();
        const input = index === undefined ? undefined : inputs[index];
        if (index === undefined || input === undefined) return;
        const job: ScanJob = { index, input, settings: first ? settings : undefined };
        given++;
        worker.postMessage(job);
      };
      const start = (worker: Worker) => {
        for (let q = 0; q <= QUEUED; q++) give(worker, q === 0);
        endIfDone();
      };
      for (let w = 0; w < Math.min(count, inputs.length); w++) {
        const worker = new Worker(script);
        workers.push(worker);
        worker.on("message", (done: ScanDone) => {
          // Its next file before this result is printed.
          give(worker, false);
          const { held } = done;
          onResult(done.index, done.result, held && (() => freeSlots(held)));
          finished++;
          endIfDone();
        });
        worker.on("error", (error) => {
          stop();
          reject(error);
        });
        if (shared) worker.once("online", () => start(worker));
      }
      // Alone, the first files go out at once (they wait in the workers' ports), each worker's first first.
      if (!shared) for (let q = 0; q <= QUEUED; q++) for (const worker of workers) give(worker, q === 0);
      else queue.whenEmpty(endIfDone);
    });
}
