// A worker thread of `patterns scan` (or `patterns stats`): reads and scans (or counts) files, taking each
// from the queue it shares, until none is left.

import { parentPort, workerData } from "node:worker_threads";
import { readFully } from "./bars";
import { FileQueue } from "./commands/scan/file-queue";
import { type InputWork, workInThread } from "./commands/scan/input-work";
import type { Input } from "./commands/scan/inputs";
import type { FileResult, ScanSettings } from "./commands/scan/scan-file";
import { scanWork } from "./commands/scan/scan-work";
import { type CountedResult, type CountSettings, countWork } from "./commands/stats/counted-file";
import { withFileSource } from "./file-source";
import { type HeldSlots, THREAD_SLOTS } from "./output-slots";

/**
 * What a worker is started with (plain data, cloned): the files, the settings (a scan's, or a count's for
 * `patterns stats`), the queue's size and next, and `received`, [0] the count of its results the main
 * thread has taken (shared).
 */
export interface WorkerStart {
  inputs: readonly Input[];
  settings: ScanSettings | CountSettings;
  size: number;
  next: Int32Array;
  received: Int32Array;
}

/**
 * Results a worker posts ahead of the main thread's taking them: past that it waits, so a main thread held
 * up printing (a reader that does not read) holds no more results than that in memory, however many files.
 */
const AHEAD = 4;

/** A file's result; its byte lines in `held`'s slots of this thread's shared output memory. */
export interface ScanDone {
  index: number;
  result: FileResult | CountedResult;
  held?: HeldSlots;
}

/** What a worker posts: each file's result, then that it ended (it found no file left). */
export type WorkerReport = ScanDone | { ended: true };

/** The memory this thread reads files into, file after file (fresh memory for each is slow to touch). */
let threadBuffer = Buffer.allocUnsafeSlow(1 << 20);

/**
 * A file's bytes, read into this thread's buffer: valid until the next read (a scan is done with them
 * once its result is made); a pipe's or a device's (no size to read by) into fresh memory, to its end.
 * Read synchronously: a worker has nothing else to do meanwhile.
 */
function readIntoThreadBuffer(path: string): Uint8Array {
  const read = withFileSource(path, (source) => {
    if (source.size > threadBuffer.length)
      threadBuffer = Buffer.allocUnsafeSlow(Math.max(source.size, 2 * threadBuffer.length));
    return threadBuffer.subarray(0, readFully(source, threadBuffer.subarray(0, source.size), 0));
  });
  return read ?? (process.getBuiltinModule("node:fs") as typeof import("node:fs")).readFileSync(path);
}

/**
 * A result as posted: its byte lines are in shared memory (this thread's output slots, which the main thread
 * frees once it has printed them, so both reuse them file after file), sent without a copy or a transfer.
 * A count's typed arrays are copied (structured clone), not transferred: see OutputSlots.take.
 */
function posted(index: number, result: FileResult | CountedResult): ScanDone {
  if ("counted" in result) return { index, result };
  const held = THREAD_SLOTS.heldFor(result);
  return held === undefined ? { index, result } : { index, result, held };
}

/** Scans the files the queue hands this thread, posting each result, then that none is left. */
function scanTaken(
  port: NonNullable<typeof parentPort>,
  { inputs, settings, size, next, received }: WorkerStart,
): void {
  const queue = new FileQueue(size, next);
  const work: InputWork<FileResult | CountedResult> =
    "count" in settings ? countWork(settings) : scanWork(settings);
  let sent = 0;
  for (let index = queue.take(); index !== undefined; index = queue.take()) {
    const input = inputs[index];
    if (input === undefined) continue;
    const result = workInThread(input, work, readIntoThreadBuffer);
    port.postMessage(posted(index, result));
    sent++;
    // The main thread takes results between its own files, whatever it waits for, so this wait ends.
    for (let taken = Atomics.load(received, 0); sent - taken >= AHEAD; taken = Atomics.load(received, 0))
      Atomics.wait(received, 0, taken);
  }
  const ended: WorkerReport = { ended: true };
  port.postMessage(ended);
}

/** What a worker started to read a part of a file into shared memory is given (readInThread). */
export interface ReadStart {
  read: { file: string; into: Uint8Array; position: number };
}

/**
 * Reads its part of the file and posts how many bytes it read (-1 when the file could not be read).
 */
function readPart(port: NonNullable<typeof parentPort>, { file, into, position }: ReadStart["read"]): void {
  let read = -1;
  try {
    read = withFileSource(file, (source) => readFully(source, into, position)) ?? -1;
  } catch {
    // The main thread reads the part itself, and says what is wrong.
  }
  port.postMessage(read);
}

if (parentPort) {
  const start = workerData as WorkerStart | ReadStart;
  const port = parentPort;
  if ("read" in start) {
    readPart(port, start.read);
    // Then a spare thread: the scan that follows may take it (workers.ts).
    port.once("message", (scan: WorkerStart) => scanTaken(port, scan));
  } else scanTaken(port, start);
  // Then waits to be stopped (terminate): a thread that ends by itself runs the process's 'exit' handlers
  // here too, those of any preloaded module (the CLI bench's max-rss.cjs, which writes one record per exit).
  parentPort.on("message", () => undefined);
}
