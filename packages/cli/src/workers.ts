// Spreads `patterns scan` over worker threads: each takes the next file when it finishes one, so a few
// large files do not leave a thread idle.

import { Worker } from "node:worker_threads";
import type { ScanRunner } from "./commands/scan/runner";
import type { ScanDone, ScanJob } from "./worker";

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
          onResult(done.index, done.result);
          finished++;
          if (finished === inputs.length) {
            stop();
            resolve();
          } else give(worker, false);
        });
        worker.on("error", (error) => {
          stop();
          reject(error);
        });
        give(worker, true);
      }
    });
}
