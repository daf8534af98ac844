// Runs the scan of many files: in this thread, or spread over worker threads by a runner the process gives.

import { dateFormat } from "../../bars";
import type { CliIo } from "../../io";
import type { Input } from "./inputs";
import { readFailure } from "./read-failure";
import { scanSource } from "./scan-columns";
import { type FileResult, type ScanSettings, scanFile } from "./scan-file";

/**
 * Takes a file's result. `printed`, when given, is called once the result's bytes are written: their
 * memory is then reused.
 */
export type OnResult = (index: number, result: FileResult, printed?: () => void) => void;

/** Scans `inputs` and calls `onResult` once per input (in any order), resolving when all are done. */
export type ScanRunner = (
  inputs: readonly Input[],
  settings: ScanSettings,
  onResult: OnResult,
) => Promise<void>;

/**
 * One file after another in this thread, reading through `io` (used for one small input and in tests): a
 * piece at a time when `io` can, else whole. `printAsScanned`: each file's lines printed to io.stdout as
 * they fill a chunk, for a caller that prints each result as it comes (they come in order: all before a
 * file are printed when it is scanned).
 *
 * @example
 * await inThread(io)(inputs, settings, (i, result) => results[i] = result)
 */
export function inThread(io: CliIo, printAsScanned = false): ScanRunner {
  const print = printAsScanned ? (chunk: Uint8Array) => io.stdout(chunk) : undefined;
  return async (inputs, settings, onResult) => {
    const format = settings.dateFormat === undefined ? undefined : dateFormat(settings.dateFormat);
    for (const [i, input] of inputs.entries()) {
      const { file } = input;
      let streamed: FileResult | undefined;
      try {
        if (io.withFile && file !== "-" && input.part === undefined)
          streamed = io.withFile(file, (source) => scanSource(source, input, settings, format, print));
      } catch (error) {
        if (typeof (error as NodeJS.ErrnoException).code !== "string") throw error;
        onResult(i, { error: readFailure(file, error) });
        continue;
      }
      if (streamed) {
        onResult(i, streamed);
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await io.read(file);
      } catch (error) {
        onResult(i, { error: readFailure(file, error) });
        continue;
      }
      onResult(i, scanFile(bytes, input, settings, format, print));
    }
  };
}
