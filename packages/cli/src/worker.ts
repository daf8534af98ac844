// A worker thread of `patterns scan`: reads and scans the files the main thread sends, one at a time.

import { readFile } from "node:fs/promises";
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
let format: DateFormat | undefined;

async function scan(job: ScanJob): Promise<FileResult> {
  if (job.settings) {
    settings = job.settings;
    format = settings.dateFormat === undefined ? undefined : dateFormat(settings.dateFormat);
  }
  if (!settings) throw new Error("a scan job arrived before its settings");
  let file: Uint8Array;
  try {
    file = await readFile(job.input.file);
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

parentPort?.on("message", async (job: ScanJob) => {
  const done: ScanDone = { index: job.index, result: await scan(job) };
  parentPort?.postMessage(done, transferOf(done.result));
});
