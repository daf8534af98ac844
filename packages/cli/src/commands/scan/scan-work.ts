// What `patterns scan` does with each kind of input (input-work.ts): the same in the main thread and in a worker.

import { givenDateFormat } from "../../bars";
import type { InputWork } from "./input-work";
import type { LinePrinter } from "./line-chunks";
import { scanPart } from "./parts";
import { scanSource } from "./scan-columns";
import { type FileResult, type ScanSettings, scanFile } from "./scan-file";
import { scanSymbolRows } from "./symbol-rows";

/**
 * How this thread prints a file's lines as it scans it: `print` takes each chunk as it fills; `symbols` is
 * told every symbol the file gives (its name's, or all of its Symbol column's) before its first line is
 * printed, and throws to refuse them.
 */
export interface AsScanned {
  print: LinePrinter;
  symbols: (symbols: readonly string[]) => void;
}

/**
 * A scan's work on each kind of input (InputWork): a part of a file, or a symbol's rows of a long file, read
 * where they lie; any other file whole (a worker's way: it reads a file into its own buffer at once).
 * `printing`, when given, prints each series' lines as they fill a chunk (this thread's scans only).
 *
 * @example
 * workInThread(input, scanWork(settings), readWhole)
 */
export function scanWork(
  settings: ScanSettings,
  printing?: AsScanned,
  format = givenDateFormat(settings.dateFormat),
): InputWork<FileResult> {
  return {
    placed: (input, source) =>
      input.part && source
        ? scanPart(source, input.symbol, settings, input.part)
        : scanSymbolRows(source, input, settings),
    whole: (input, bytes) => scanFile(bytes, input, settings, format, printing?.print, printing?.symbols),
  };
}

/**
 * scanWork with a whole file read a piece at a time when the column reader takes it, so never held whole
 * (the main thread's way, through io). Apart, so a worker's bundle leaves the piece reader out.
 *
 * @example
 * await workThroughIo(input, streamingScanWork(settings), io)
 */
export function streamingScanWork(settings: ScanSettings, printing?: AsScanned): InputWork<FileResult> {
  const format = givenDateFormat(settings.dateFormat);
  return {
    ...scanWork(settings, printing, format),
    streamed: (input, source) =>
      scanSource(source, input, settings, format, printing?.print, printing?.symbols),
  };
}
