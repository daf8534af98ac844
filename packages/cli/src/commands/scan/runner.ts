// Runs the scan of many files: in this thread, or spread over worker threads by a runner the process gives.

import type { CliIo } from "../../io";
import { freeSlots, THREAD_SLOTS } from "../../output-slots";
import type { FileQueue } from "./file-queue";
import { workThroughIo } from "./input-work";
import type { Input } from "./inputs";
import type { FileResult, ScanSettings } from "./scan-file";
import { streamingScanWork } from "./scan-work";

/**
 * Takes a file's result. `printed`, when given, is called once the result's bytes are written: their
 * memory is then reused.
 */
export type OnResult = (index: number, result: FileResult, printed?: () => void) => void;

/**
 * Scans `inputs` and calls `onResult` once per input (in any order), resolving when all are done; with
 * `queue`, only the inputs it takes from the queue, which other runners share.
 */
export type ScanRunner = (
  inputs: readonly Input[],
  settings: ScanSettings,
  onResult: OnResult,
  queue?: FileQueue,
) => Promise<void>;

/**
 * How many worker threads share `inputs` with this thread (0: this thread alone): --jobs (`asked`) or the
 * machine's cores, one thread an input at most, and none for one input, for standard input, or where the
 * process starts no threads. The cores are asked only for several inputs (the process loads node:os then).
 *
 * @example
 * workersFor(inputs, options.jobs, io) // 1 on two cores with several files
 */
export function workersFor(inputs: readonly Input[], asked: number | undefined, io: CliIo): number {
  if (inputs.length < 2 || !io.workers || inputs[0]?.file === "-") return 0;
  const threads = Math.min(asked ?? io.workers.cores, inputs.length);
  noteThreads(asked, threads, io);
  return threads - 1;
}

/**
 * Says on stderr, once a run (where its threads are counted), that --jobs (`asked`) starts more threads
 * than the machine has cores. They are started, as asked: reading that waits on a disk or a network may
 * want them. On our 2-core machine 40 files of 5,000 bars took 1.68 s and 370 MB with --jobs 20, 0.41 s
 * and 89 MB with 2, so a --jobs written for a larger machine is not left to cost that unsaid.
 *
 * @example
 * noteThreads(options.jobs, parts, io)
 */
export function noteThreads(asked: number | undefined, threads: number, io: CliIo): void {
  if (asked === undefined || threads < 2 || !io.workers) return;
  const { cores } = io.workers;
  if (threads > cores)
    io.stderr(
      `patterns: --jobs ${asked} starts ${threads} threads on ${cores} cores: slower than ${cores} and about 15 MB more memory a thread, unless reading waits on a disk or a network\n`,
    );
}

/** Lets the messages that came meanwhile (workers' results, their requests for files) be taken. */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Which files' lines this thread prints as it scans them (inThread): `prints(index)`, whether input
 * `index`'s are (else they are kept in its result); `symbols(index, symbols)`, told every symbol the file
 * gives before its first line is printed, throwing to refuse them.
 */
export interface PrintedAsScanned {
  prints(index: number): boolean;
  symbols(index: number, symbols: readonly string[]): void;
}

/**
 * One file after another in this thread, reading through `io` (used for one small input and in tests): a
 * piece at a time when `io` can, else whole. `asScanned`: the files whose lines are printed to io.stdout as
 * they fill a chunk, for a caller that prints each result as it comes (they come in order: all before a
 * file are printed when it is scanned; so not with a queue shared with workers). With a queue, this
 * thread gives the event loop a turn after each file (and without one, where a stop signal may come).
 *
 * @example
 * await inThread(io)(inputs, settings, (i, result) => results[i] = result)
 */
export function inThread(io: CliIo, asScanned?: PrintedAsScanned): ScanRunner {
  return async (inputs, settings, onResult, queue) => {
    let current = 0;
    const kept = streamingScanWork(settings);
    // A table's rows wait for the whole table (table.ts).
    const printing =
      asScanned && settings.format !== "table"
        ? streamingScanWork(settings, {
            print: (chunk) => io.stdout(chunk),
            symbols: (symbols) => asScanned.symbols(current, symbols),
          })
        : undefined;
    let taken = 0;
    // A stop signal closes a shared queue (scanFiles); alone, this thread takes no input past it.
    const take = queue
      ? () => queue.take()
      : () => (taken < inputs.length && io.interruption?.signal === undefined ? taken++ : undefined);
    for (let i = take(); i !== undefined; i = take()) {
      const input = inputs[i];
      if (input === undefined) continue;
      current = i;
      const work = printing && asScanned?.prints(i) ? printing : kept;
      const result = await workThroughIo(input, work, io);
      // Its lines' memory takes another file's once they are printed.
      const held = THREAD_SLOTS.heldFor(result);
      onResult(i, result, held && (() => freeSlots(held)));
      // A signal reaches this thread only in a turn of its event loop: one between inputs, when one follows.
      if (queue || (io.interruption && taken < inputs.length)) await turn();
    }
  };
}
