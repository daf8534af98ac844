// How a run's inputs are spread over threads: one long file in parts scanned side by side, else file by
// file as a shared queue hands them out to this thread and the workers.

import type { CliIo } from "../../io";
import type { ScanOptions } from "./args";
import type { FileQueue } from "./file-queue";
import type { Input } from "./inputs";
import { joinParts, PART_BYTES, partCountOf, partsOf, splittable } from "./parts";
import { inThread, noteThreads, type OnResult, type PrintedAsScanned, workersFor } from "./runner";
import type { FileResult } from "./scan-file";

/**
 * Several files are shared between this thread and workers (workersFor; they pay for their start, about
 * 30 ms each, only when there are several): this thread scans while they start, and prints between its
 * files what they found.
 */
async function scanFiles(
  options: ScanOptions,
  inputs: readonly Input[],
  io: CliIo,
  onResult: OnResult,
  asScanned: PrintedAsScanned,
  queue: FileQueue,
): Promise<void> {
  // A stop signal hands out no more files: each thread ends with the one it holds.
  const forget = io.interruption?.onStop(() => queue.close());
  const count = workersFor(inputs, options.jobs, io);
  if (count === 0 || !io.workers)
    return inThread(io, asScanned)(inputs, options, onResult, queue).finally(forget);
  const workers = io.workers.runner(count)(inputs, options, onResult, queue);
  // Its failure is thrown when awaited below, not reported as unhandled meanwhile.
  workers.catch(() => undefined);
  try {
    await inThread(io)(inputs, options, onResult, queue);
    await workers;
  } finally {
    forget?.();
  }
}

/**
 * The main thread's head start on a worker, in parts: a worker thread starts scanning about 100 ms later,
 * a fifth of a part's time on 300,000 bars.
 */
const HEAD_START = 0.2;

/**
 * How many parts to cut the input into: one long file in --jobs N parts when N >= 2 is asked, fewer when
 * its size gives fewer (partCountOf), else 1. Not by default: on our shared 2-core machines a second
 * thread paid its start and a second warm-up without a free core to run on (300,000 bars, load 6:
 * 2.21 s wall against 1.32 s in one thread).
 */
async function partCount(options: ScanOptions, inputs: readonly Input[], io: CliIo): Promise<number> {
  const [input] = inputs;
  const cores = options.jobs ?? 1;
  if (inputs.length !== 1 || input === undefined || input.file === "-" || !io.workers || cores < 2) return 1;
  if (!splittable(options)) return 1;
  const size = await io.workers.size(input.file);
  if (size === undefined || size < PART_BYTES) return 1;
  const parts = partCountOf(size, cores);
  noteThreads(options.jobs, parts, io);
  return parts;
}

/**
 * Scans the inputs: one long file in parts over the threads, else file by file, as `queue` hands them out
 * (closed, it hands out no more). `asScanned`: the files this thread prints as it scans them, when it scans
 * alone.
 *
 * @example
 * await scanInputs(options, inputs, io, output.onResult, output.asScanned, queue)
 */
export async function scanInputs(
  options: ScanOptions,
  inputs: readonly Input[],
  io: CliIo,
  onResult: OnResult,
  asScanned: PrintedAsScanned,
  queue: FileQueue,
): Promise<void> {
  const parts = await partCount(options, inputs, io);
  const [input] = inputs;
  if (parts === 1 || input === undefined || !io.workers)
    return scanFiles(options, inputs, io, onResult, asScanned, queue);
  // This thread takes the first part, larger by the head start it has on the workers.
  const [first, ...rest] = partsOf(input, [1 + HEAD_START, ...new Array(parts - 1).fill(1)]);
  const results: FileResult[] = [];
  const printed: (() => void)[] = [];
  const workers = io.workers.runner(rest.length)(rest, options, (index, result, done) => {
    results[index + 1] = result;
    if (done) printed.push(done);
  });
  await inThread(io)(first ? [first] : [], options, (_, result) => {
    results[0] = result;
  });
  await workers;
  const joined = joinParts(results);
  // A part declined: the column reader does not take this file, so it is read whole, as it would be alone.
  if (joined)
    onResult(0, joined, () => {
      for (const done of printed) done();
    });
  else await inThread(io, asScanned)(inputs, options, onResult);
}
