// A worker thread of `patterns scan`: reads and scans the files the main thread sends, one at a time.

import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import { type DateFormat, dateFormat } from "./bars";
import type { Input } from "./commands/scan/inputs";
import { readFailure } from "./commands/scan/read-failure";
import { type FileResult, type ScanSettings, scanFile } from "./commands/scan/scan-file";
import { type HeldSlot, OutputSlots } from "./output-slots";

/** A file to scan: its place in the output, the file, the settings (sent with the first job only). */
export interface ScanJob {
  index: number;
  input: Input;
  settings?: ScanSettings;
}

/** A file's result; its lines in `held`'s slot of this thread's shared output memory when they are bytes. */
export interface ScanDone {
  index: number;
  result: FileResult;
  held?: HeldSlot;
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

const slots = new OutputSlots();

/**
 * A result as posted: its byte lines copied into a slot of shared memory, which the main thread frees
 * once it has printed them, so both reuse it file after file; when every slot is held, the chunks'
 * own memory is handed over (transferred, not copied).
 */
function posted(index: number, result: FileResult): { done: ScanDone; transfer: ArrayBuffer[] } {
  if (!("series" in result)) return { done: { index, result }, transfer: [] };
  const texts = result.series.flatMap((one) => (typeof one.text === "string" ? [] : [one.text]));
  if (texts.length === 0) return { done: { index, result }, transfer: [] };
  const placed = slots.place(texts);
  if (placed) {
    let next = 0;
    const series = result.series.map((one) =>
      // biome-ignore lint/style/noNonNullAssertion: one view per text placed.
      typeof one.text === "string" ? one : { ...one, text: [placed.texts[next++]!] },
    );
    return { done: { index, result: { series }, held: placed.held }, transfer: [] };
  }
  const buffers = new Set<ArrayBuffer>();
  for (const chunks of texts) for (const chunk of chunks) buffers.add(chunk.buffer as ArrayBuffer);
  return { done: { index, result }, transfer: [...buffers] };
}

parentPort?.on("message", (job: ScanJob) => {
  const { done, transfer } = posted(job.index, scan(job));
  parentPort?.postMessage(done, transfer);
});
