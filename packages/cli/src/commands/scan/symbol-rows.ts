// A long file (a Symbol column) scanned a symbol per input, so the threads share its symbols as they share
// a folder's files: each symbol's rows are read where they lie by the thread that scans them, or, for rows
// by date, then symbol, gathered from the file's bytes read once into memory the threads share. A symbol
// whose rows the column reader does not take sends the rest of the file back to its reading as a whole
// (restOfLongFile), which says what is wrong.

import {
  type ColumnSeries,
  cutBySymbol,
  longFileHeader,
  type PositionalSource,
  type ReadOptions,
  readFully,
  readSharedRows,
  readSymbolRows,
  respelledLongFile,
  type SharedSymbols,
  shareSymbolRuns,
  shareSymbolRunsInSteps,
} from "../../bars";
import { symbolOf } from "../../bars/series-files";
import type { CliIo } from "../../io";
import { shown } from "../../shown";
import type { Input } from "./inputs";
import { PART_BYTES } from "./parts";
import { readFailure } from "./read-failure";
import { columnSeriesResult, THREAD_COLUMNS } from "./scan-columns";
import { type FileResult, type ScanSettings, scanFile } from "./scan-file";

/**
 * The inputs with each long file cut into one input a symbol, when the files are fewer than the threads
 * (--jobs, else the cores), so that the threads have more than a file each to scan: its rows where they lie
 * when they come a symbol at a time (cutBySymbol), else its runs of rows in its bytes read here into shared
 * memory (shareSymbolRuns: rows by date, then symbol). A file is cut only when it holds at least PART_BYTES
 * (a second thread's start would eat the gain) and its times are read without --date-format (the column
 * reader's case).
 *
 * @example
 * await bySymbol(inputs, settings, undefined, io) // [{ file: "universe.csv", symbol: "AAPL", rows: {...} }, ...]
 */
export async function bySymbol(
  inputs: readonly Input[],
  settings: Pick<ScanSettings, "delimiter" | "dateFormat">,
  jobs: number | undefined,
  io: CliIo,
): Promise<readonly Input[]> {
  const { withFile, workers } = io;
  if (withFile === undefined || workers === undefined || settings.dateFormat !== undefined) return inputs;
  if (jobs !== undefined && inputs.length >= jobs) return inputs;
  const options = { delimiter: settings.delimiter };
  const cut: Input[] = [];
  for (const input of inputs) {
    const size = input.file === "-" || input.part ? undefined : await workers.size(input.file);
    const symbols =
      size !== undefined && size >= PART_BYTES
        ? await cutOrNot(async () => {
            const { file } = input;
            const read = { ...options, symbol: input.symbol };
            const found = withFile(file, (source) => {
              const header = longFileHeader(source, read, THREAD_COLUMNS);
              // A file of CR LF breaks or quoted cells is read whole into shared memory (shareSymbolRuns rewrites it).
              if (header === undefined && !respelledLongFile(source, read, THREAD_COLUMNS)) return undefined;
              // The cores are asked only now (loading node:os): a run of one common file never needs them.
              if (inputs.length >= (jobs ?? workers.cores)) return undefined;
              const cuts = header && cutBySymbol(source, header, THREAD_COLUMNS);
              if (cuts) return cuts.map(({ symbol, rows }): Input => ({ file, symbol, rows }));
              // Read whole into fresh memory: a large file is worth a restart with huge pages first.
              if (source.size >= HUGE_READ_BYTES) io.restartWithHugePages?.();
              return startSharedRead(source, file, workers);
            });
            return found && "bytes" in found ? sharedInputs(found, file, read, withFile) : found;
          })
        : undefined;
    if (symbols === undefined) cut.push(input);
    else cut.push(...symbols);
  }
  return cut;
}

/**
 * The fewest bytes of a long file read whole that are worth restarting the process with huge pages for
 * (huge-pages.ts): the restart costs a Node start and what was done so far (~80 ms); the 163 MB universe
 * by date, restarted, took 1,800 ms against 1,904 (9 alternating pairs, all faster), and a 16 MB file
 * would gain less than the restart costs.
 */
const HUGE_READ_BYTES = 64 << 20;

/**
 * A long file being read into shared memory: `read` bytes read here, and the bytes from `half` on maybe
 * by a thread (`rest`: whether it read them all; undefined when none was started).
 */
interface SharedRead {
  bytes: Uint8Array;
  read: number;
  half: number;
  rest: Promise<boolean> | undefined;
}

/**
 * Starts reading a long file into shared memory (rows by date, then symbol: see bySymbol), its second half
 * in a thread of its own when the process gives one for so many bytes (readInThread).
 */
function startSharedRead(
  source: PositionalSource,
  file: string,
  workers: NonNullable<CliIo["workers"]>,
): SharedRead {
  const bytes = new Uint8Array(new SharedArrayBuffer(source.size));
  const half = Math.floor(source.size / 2);
  const rest = workers.readInThread?.(file, bytes.subarray(half), half);
  return { bytes, read: readFully(source, rest ? bytes.subarray(0, half) : bytes, 0), half, rest };
}

/**
 * A long file's inputs, one a symbol, from its runs of rows in shared memory, once its read is done (the
 * rest read here when its thread did not); undefined when it is not cut (shareSymbolRuns).
 */
async function sharedInputs(
  { bytes, read, half, rest }: SharedRead,
  file: string,
  options: ReadOptions,
  withFile: NonNullable<CliIo["withFile"]>,
): Promise<Input[] | undefined> {
  let runs: SharedSymbols | undefined;
  // The first half read whole: the second is the thread's, or read here when the thread did not read it.
  // (A first half read short: the file is shorter now than it was, and its end is read already.)
  if (rest !== undefined && read === half) {
    // The first half's rows are cut while the thread reads (this thread waited idle for it, ~100 ms of
    // the 163 MB file's read).
    const steps = shareSymbolRunsInSteps(bytes, half, options);
    const length = (await rest)
      ? bytes.length
      : half + (withFile(file, (source) => readFully(source, bytes.subarray(half), half)) ?? 0);
    runs = steps.rest(length);
  } else runs = shareSymbolRuns(bytes.subarray(0, read), options);
  const found = runs;
  return found?.symbols.map(({ symbol, first }) => ({ file, symbol, runs: { shared: found.shared, first } }));
}

/** The cut, or undefined when the file cannot be read now (its scan says why). */
async function cutOrNot<T>(cut: () => Promise<T>): Promise<T | undefined> {
  try {
    return await cut();
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException).code !== "string") throw error;
    return undefined;
  }
}

/**
 * The result of an input of one symbol's rows (bySymbol), or `declined` when they are not all that
 * symbol's or the column reader does not take them. `source`, the file, is read for rows where they lie,
 * not for runs in shared memory.
 *
 * @example
 * withFileSource(input.file, (source) => scanSymbolRows(source, input, settings))
 */
export function scanSymbolRows(
  source: PositionalSource | undefined,
  input: Input,
  settings: ScanSettings,
): FileResult {
  const series = symbolSeries(source, input);
  if (series === undefined) return { declined: true };
  return { series: [columnSeriesResult(input.symbol, series, settings)] };
}

/**
 * The columns of an input of one symbol's rows (bySymbol), in this thread's scratch, or undefined when they
 * are not all that symbol's or the column reader does not take them. `source`, the file, is read for rows
 * where they lie, not for runs in shared memory.
 *
 * @example
 * withFileSource(input.file, (source) => symbolSeries(source, input))?.closes
 */
export function symbolSeries(source: PositionalSource | undefined, input: Input): ColumnSeries | undefined {
  const { rows, runs, symbol } = input;
  return runs
    ? readSharedRows(runs.shared, runs.first, THREAD_COLUMNS)
    : rows && source && readSymbolRows(source, rows, symbol, THREAD_COLUMNS);
}

/**
 * What a long file cut by symbol still has to print once a symbol's rows were declined: the file read as a
 * whole (scanFile), without the series of `printed`, the symbols before, whose lines are printed. An
 * error when one of those has more bars in the whole file than its rows gave (its rows were not all
 * together: the lines printed for it are short of them).
 *
 * @example
 * await restOfLongFile(io, "universe.csv", [{ symbol: "AAPL", bars: 5000 }], settings)
 */
export async function restOfLongFile(
  io: CliIo,
  file: string,
  printed: readonly { symbol: string; bars: number }[],
  settings: ScanSettings,
): Promise<FileResult> {
  let bytes: Uint8Array;
  try {
    bytes = await io.read(file);
  } catch (error) {
    return { error: readFailure(file, error) };
  }
  // A file is cut only when its times are read without --date-format (bySymbol).
  const whole = scanFile(bytes, { file, symbol: symbolOf(file) }, settings, undefined);
  if (!("series" in whole)) return whole;
  for (let k = 0; k < printed.length; k++) {
    const before = printed[k];
    const again = whole.series[k];
    if (before === undefined || again?.symbol !== before.symbol || again.bars !== before.bars)
      return {
        error: `${shown(file)}: the rows of symbol ${JSON.stringify(before?.symbol)} are not all together, and its lines above were printed before the others were found: scan this file with --jobs 1`,
      };
  }
  return { series: whole.series.slice(printed.length) };
}
