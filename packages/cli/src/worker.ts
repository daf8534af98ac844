// A worker thread of `patterns scan`: reads and scans the files the main thread sends, one at a time.

import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import { type DateFormat, dateFormat } from "./bars";
import type { Input } from "./commands/scan/inputs";
import { readFailure } from "./commands/scan/read-failure";
import { type FileResult, type ScanSettings, scanFile } from "./commands/scan/scan-file";

/** A file to scan: its place in the output, the file, the settings (sent with the first job only). */
export interface ScanJob {
  index: number;
  input: Input;
  settings?: ScanSettings;
}

export interface ScanDone {
  index: number;
  result: FileResult;
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

/** The memory of a result's byte chunks, handed to the main thread rather than copied. */
function transferOf(result: FileResult): ArrayBuffer[] {
  if (!("series" in result)) return [];
  const buffers = new Set<ArrayBuffer>();
  for (const one of result.series)
    if (typeof one.text !== "string") for (const chunk of one.text) buffers.add(chunk.buffer as ArrayBuffer);
  return [...buffers];
}

parentPort?.on("message", (job: ScanJob) => {
  const done: ScanDone = { index: job.index, result: scan(job) };
  parentPort?.postMessage(done, transferOf(done.result));
});
