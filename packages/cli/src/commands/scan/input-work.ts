// What a command does with one input, by where the input's bytes are (its runs in shared memory, its rows
// or part where they lie in its file, or its whole file), and the two ways of getting them there: a
// worker's, synchronously, and the main thread's, through CliIo. `patterns scan` and `patterns stats` each
// say once what they do with each kind of input; these say once which kind an input is and how it is read.

import { type ByteSource, bytesAt, type PositionalSource } from "../../bars";
import { withFileSource } from "../../file-source";
import type { CliIo } from "../../io";
import type { Input } from "./inputs";
import { readFailure } from "./read-failure";

/** A command's work on an input, with `R` its result (which may itself say the input was not read). */
export interface InputWork<R> {
  /**
   * An input read only where its bytes lie: a symbol's runs of rows in shared memory (no `source`), or
   * its rows or a part of its file, read from `source`.
   */
  placed(input: Input, source: PositionalSource | undefined): R;
  /** A whole file's bytes. */
  whole(input: Input, bytes: Uint8Array): R;
  /** A whole file read a piece at a time, when the command can; undefined when it cannot (then read whole). */
  streamed?(input: Input, source: ByteSource): R | undefined;
}

/** The work's result, or the line saying why the input's file could not be read. */
export type Worked<R> = R | { error: string };

/** An input read where its bytes lie in its file, rather than whole. */
const isPlaced = (input: Input) => input.part !== undefined || input.rows !== undefined;

/** An error of the file system (with its code), as opposed to a fault of the work. */
const isFileError = (error: unknown) => typeof (error as NodeJS.ErrnoException).code === "string";

/**
 * `work` on `input` in a worker thread: a placed input read where it lies, a whole file by `readWhole`
 * (into the thread's own buffer: worker.ts).
 *
 * @example
 * workInThread(input, scanWork(settings), (file) => readFileSync(file))
 */
export function workInThread<R>(
  input: Input,
  work: InputWork<R>,
  readWhole: (file: string) => Uint8Array,
): Worked<R> {
  if (input.runs) return work.placed(input, undefined);
  const { file } = input;
  if (isPlaced(input)) {
    try {
      const done = withFileSource(file, (source) => work.placed(input, source));
      if (done !== undefined) return done;
    } catch (error) {
      if (!isFileError(error)) throw error;
      return { error: readFailure(file, error) };
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = readWhole(file);
  } catch (error) {
    return { error: readFailure(file, error) };
  }
  return isPlaced(input) ? work.placed(input, bytesAt(bytes)) : work.whole(input, bytes);
}

/**
 * `work` on `input` in the main thread, through `io`: read where it lies, or a piece at a time when the
 * work can, when `io` opens files (not standard input); else the file read whole (a placed input then
 * read where it lies in those bytes). A file is opened only for work that reads it so.
 *
 * @example
 * await workThroughIo(input, countWork(settings), io)
 */
export async function workThroughIo<R>(input: Input, work: InputWork<R>, io: CliIo): Promise<Worked<R>> {
  if (input.runs) return work.placed(input, undefined);
  const { file } = input;
  if (io.withFile && file !== "-" && (isPlaced(input) || work.streamed)) {
    try {
      const done = io.withFile(file, (source) =>
        isPlaced(input) ? work.placed(input, source) : work.streamed?.(input, source),
      );
      if (done !== undefined) return done;
    } catch (error) {
      if (!isFileError(error)) throw error;
      return { error: readFailure(file, error) };
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = await io.read(file);
  } catch (error) {
    return { error: readFailure(file, error) };
  }
  return isPlaced(input) ? work.placed(input, bytesAt(bytes)) : work.whole(input, bytes);
}
