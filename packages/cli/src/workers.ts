// Spreads `patterns scan` over worker threads: each takes the next file when it finishes one, so a few
// large files do not leave a thread idle.

import { Worker } from "node:worker_threads";
import type { ScanRunner } from "./commands/scan/runner";
import { freeSlot } from "./output-slots";
import type { ScanDone, ScanJob } from "./worker";

/**
 * Files a worker holds beyond the one it scans: it starts the next as soon as it posts a result, not
 * when this thread has taken the result and printed it (a print into a pipe waits for the reader).
 */
const QUEUED = 1;

/**
 * A runner over `count` workers started from the compiled worker script at `script`.
 *
 * @example
 * const run = workerThreads(2, new URL("./worker.mjs", import.meta.url));
 */
export function workerThreads(count: number, script: URL): ScanRunner {
  return (inputs, settings, onResult) =>
    new Promise((resolve, reject) => {
      let next = 0;
      let finished = 0;
      const workers: Worker[] = [];
      const stop = () => {
        for (const worker of workers) void worker.terminate();
      };
      const give = (worker: Worker, first: boolean) => {
        const input = inputs[next];
        if (input === undefined) return;
        const job: ScanJob = { index: next, input, settings: first ? settings : undefined };
        next++;
        worker.postMessage(job);
      };
      for (let w = 0; w < Math.min(count, inputs.length); w++) {
        const worker = new Worker(script);
        workers.push(worker);
        worker.on("message", (done: ScanDone) => {
          // Its next file before this result is printed.
          give(worker, false);
          const { held } = done;
          onResult(done.index, done.result, held && (() => freeSlot(held)));
          finished++;
          if (finished === inputs.length) {
            stop();
            resolve();
          }
        });
        worker.on("error", (error) => {
          stop();
          reject(error);
        });
        give(worker, true);
      }
      // The files each holds queued, given once every worker has its first (the first files spread out).
      for (let q = 0; q < QUEUED; q++) for (const worker of workers) give(worker, false);
    });
}
