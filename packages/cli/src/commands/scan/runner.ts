// Runs the scan of many files: in this thread, or spread over worker threads by a runner the process gives.

import { dateFormat } from "../../bars";
import type { CliIo } from "../../io";
import { freeSlots, THREAD_SLOTS } from "../../output-slots";
import type { FileQueue } from "./file-queue";
import type { Input } from "./inputs";
import { scanPart } from "./parts";
import { readFailure } from "./read-failure";
import { scanSource } from "./scan-columns";
import { type FileResult, type ScanSettings, scanFile } from "./scan-file";
import { scanSymbolRows } from "./symbol-rows";

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

/** Lets the messages that came meanwhile (workers' results, their requests for files) be taken. */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One file after another in this thread, reading through `io` (used for one small input and in tests): a
 * piece at a time when `io` can, else whole. `printAsScanned`: each file's lines printed to io.stdout as
 * they fill a chunk, for a caller that prints each result as it comes (they come in order: all before a
 * file are printed when it is scanned; so not with a queue shared with workers). With a queue, this
 * thread gives the event loop a turn after each file.
 *
 * @example
 * await inThread(io)(inputs, settings, (i, result) => results[i] = result)
 */
export function inThread(io: CliIo, printAsScanned = false): ScanRunner {
  return async (inputs, settings, onResult, queue) => {
    // A table's rows wait for the whole table (table.ts).
    const print =
      printAsScanned && settings.format !== "table" ? (chunk: Uint8Array) => io.stdout(chunk) : undefined;
    const format = settings.dateFormat === undefined ? undefined : dateFormat(settings.dateFormat);
    /** One file's result: read a piece at a time when `io` can and the column reader takes it, else whole. */
    const scanned = async (input: Input): Promise<FileResult> => {
      const { file } = input;
      // A symbol's runs of rows, in memory this thread shares.
      if (input.runs) return scanSymbolRows(undefined, input, settings);
      try {
        const { part } = input;
        const streamed =
          io.withFile && file !== "-"
            ? io.withFile(file, (source) =>
                part
                  ? scanPart(source, input.symbol, settings, part)
                  : input.rows
                    ? scanSymbolRows(source, input, settings)
                    : scanSource(source, input, settings, format, print),
              )
            : undefined;
        if (streamed) return streamed;
      } catch (error) {
        if (typeof (error as NodeJS.ErrnoException).code !== "string") throw error;
        return { error: readFailure(file, error) };
      }
      let bytes: Uint8Array;
      try {
        bytes = await io.read(file);
      } catch (error) {
        return { error: readFailure(file, error) };
      }
      return scanFile(bytes, input, settings, format, print);
    };
    let taken = 0;
    const take = queue ? () => queue.take() : () => (taken < inputs.length ? taken++ : undefined);
    for (let i = take(); i !== undefined; i = take()) {
      const input = inputs[i];
      if (input === undefined) continue;
      const result = await scanned(input);
      // Its lines' memory takes another file's once they are printed.
      const held = THREAD_SLOTS.heldFor(result);
      onResult(i, result, held && (() => freeSlots(held)));
      if (queue) await turn();
    }
  };
}
