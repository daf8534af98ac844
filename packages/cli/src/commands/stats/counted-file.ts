// One input file's part of `patterns stats`: each of its series read, scanned with outcomes and counted as of
// the time asked (countSeries), as plain data. Pure, so it runs the same in the main thread and in a worker.

import {
  BarsError,
  countSeries,
  type FollowedDetection,
  type SeriesCount,
  scanColumnOutcomes,
} from "@stock-patterns/core";
import {
  type ColumnSeries,
  type DateFormat,
  eachSeries,
  givenDateFormat,
  type PositionalSource,
} from "../../bars";
import type { FileQueue } from "../scan/file-queue";
import type { InputWork } from "../scan/input-work";
import type { Input } from "../scan/inputs";
import { badRow } from "../scan/read-failure";
import { THREAD_COLUMNS } from "../scan/scan-columns";
import { scanInFile } from "../scan/scan-file";
import { symbolSeries } from "../scan/symbol-rows";

/** What a thread needs to count a file: plain data, so it crosses threads by structured clone. */
export interface CountSettings {
  /** Count as of this time (--as-of); undefined: each series' last bar. */
  count: { asOf?: string };
  bandwidth: number;
  delimiter?: string;
  /** The --date-format pattern (compiled where it is used). */
  dateFormat?: string;
}

/**
 * Counts `inputs` and calls `onResult` once per input (in any order), resolving when all are done; with
 * `queue`, only the inputs it takes from the queue, which other runners share (as a ScanRunner scans).
 */
export type CountRunner = (
  inputs: readonly Input[],
  settings: CountSettings,
  onResult: (index: number, result: CountedResult) => void,
  queue?: FileQueue,
) => Promise<void>;

/**
 * A file's counted series, their symbols (for refusing one that another file gives too: symbol-claims.ts)
 * and how many bars they hold, or the one line saying why it could not be read; for an input of one
 * symbol's rows (bySymbol), `declined` when the column reader does not take them.
 */
export type CountedResult =
  | { counted: SeriesCount[]; symbols: string[]; bars: number }
  | { error: string }
  | { declined: true };

/**
 * The counts of a file's series (one, or one per symbol of a Symbol column) and how many bars it holds, or
 * the line saying why it could not be read. Each series is read into columns and scanned there when the
 * column reader takes the file, as `patterns scan` does; its columns are reused by the next series, so each
 * is counted at once.
 *
 * @example
 * countedFile(readFileSync("spx.csv"), { file: "spx.csv", symbol: "spx" }, settings, undefined)
 */
export function countedFile(
  bytes: Uint8Array,
  { file, symbol }: Input,
  { count: { asOf }, bandwidth, delimiter }: CountSettings,
  dateFormat: DateFormat | undefined,
): CountedResult {
  const counted = { counted: [] as SeriesCount[], symbols: [] as string[], bars: 0 };
  try {
    eachSeries(
      bytes,
      { symbol, delimiter, dateFormat },
      THREAD_COLUMNS,
      (name, columns) => {
        counted.counted.push(countColumns(columns, bandwidth, asOf));
        counted.symbols.push(name);
        counted.bars += columns.length;
      },
      (series) => {
        const { symbol: name, bars } = series;
        const detections = scanInFile(series, { bandwidth, outcomes: true }) as FollowedDetection[];
        counted.counted.push(countSeries({ bars, detections }, asOf));
        counted.symbols.push(name);
        counted.bars += bars.length;
      },
    );
    return counted;
  } catch (error) {
    if (error instanceof BarsError) return { error: badRow(file, error) };
    throw error;
  }
}

/** A series in columns scanned with outcomes and counted as of `asOf` (its columns are then free to reuse). */
function countColumns(columns: ColumnSeries, bandwidth: number, asOf: string | undefined): SeriesCount {
  const detections = scanColumnOutcomes<FollowedDetection[]>(columns, { bandwidth });
  return countSeries({ bars: columns, detections }, asOf);
}

/**
 * The count of an input of one symbol's rows of a long file (bySymbol), or `declined` when the column
 * reader does not take them (the whole file is then counted as one input: its reading says what is wrong).
 * `source`, the file, is read for rows where they lie, not for runs in shared memory.
 *
 * @example
 * withFileSource(input.file, (source) => countedRows(source, input, settings))
 */
export function countedRows(
  source: PositionalSource | undefined,
  input: Input,
  { count: { asOf }, bandwidth }: CountSettings,
): CountedResult {
  const series = symbolSeries(source, input);
  if (series === undefined) return { declined: true };
  return { counted: [countColumns(series, bandwidth, asOf)], symbols: [input.symbol], bars: series.length };
}

/**
 * A count's work on each kind of input (InputWork): one symbol's rows of a long file read where they lie
 * (countedRows), any other file whole (countedFile).
 *
 * @example
 * workInThread(input, countWork(settings), readWhole)
 */
export function countWork(settings: CountSettings): InputWork<CountedResult> {
  const format = givenDateFormat(settings.dateFormat);
  return {
    placed: (input, source) => countedRows(source, input, settings),
    whole: (input, bytes) => countedFile(bytes, input, settings, format),
  };
}
