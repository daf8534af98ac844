// A worker thread of `patterns scan`: reads and scans the files the main thread sends, one at a time.

import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import { type DateFormat, dateFormat } from "./bars";
import type { Input } from "./commands/scan/inputs";
import { readFailure } from "./commands/scan/read-failure";
import { type FileResult, type ScanSettings, scanFile } from "./commands/scan/scan-file";
import { type HeldSlots, THREAD_SLOTS } from "./output-slots";

/** A file to scan: its place in the output, the file, the settings (sent with the first job only). */
export interface ScanJob {
  index: number;
  input: Input;
  settings?: ScanSettings;
}

/** A file's result; its byte lines in `held`'s slots of this thread's shared output memory. */
export interface ScanDone {
  index: number;
  result: FileResult;
  held?: HeldSlots;
}

let settings: ScanSettings | undefined;

/** The memory this thread reads files into, file after file (fresh memory for each is slow to touch). */
let threadBuffer = Buffer.allocUnsafeSlow(1 << 20);

/**
 * A file's bytes, read into this thread's buffer: valid until the next read (a scan is done with them
 * once its result is made). Read synchronously: a worker has nothing else to do meanwhile.
 */
function readIntoThreadBuffer(path: string): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (size > threadBuffer.length)
      threadBuffer = Buffer.allocUnsafeSlow(Math.max(size, 2 * threadBuffer.length));
    let read = 0;
    for (let got = 1; read < size && got > 0; read += got)
      got = readSync(fd, threadBuffer, read, size - read, read);
    return threadBuffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
let format: DateFormat | undefined;

function scan(job: ScanJob): FileResult {
  if (job.settings) {
    settings = job.settings;
    format = settings.dateFormat === undefined ? undefined : dateFormat(settings.dateFormat);
  }
  if (!settings) throw new Error("a scan job arrived before its settings");
  let file: Uint8Array;
  try {
    file = readIntoThreadBuffer(job.input.file);
  } catch (error) {
    return { error: readFailure(job.input.file, error) };
  }
  return scanFile(file, job.input, settings, format);
}

/**
 * A result as posted: its byte lines are in shared memory (this thread's output slots, which the main thread
 * frees once it has printed them, so both reuse them file after file), sent without a copy or a transfer.
 */
function posted(index: number, result: FileResult): ScanDone {
  const held = THREAD_SLOTS.heldFor(result);
  return held === undefined ? { index, result } : { index, result, held };
}

parentPort?.on("message", (job: ScanJob) => {
  parentPort?.postMessage(posted(job.index, scan(job)));
});
