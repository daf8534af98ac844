// One input file through the whole scan: read, detect, screen, format. Pure, so it runs the same in the main
// thread and in a worker.

import {
  type Bar,
  BarsError,
  type Detection,
  type PatternCode,
  scanBars,
  scanOutcomes,
} from "@stock-patterns/core";
import { type DateFormat, eachSeries, inFileTerms, type SeriesInFile } from "../../bars";
import { freeSlots, THREAD_SLOTS } from "../../output-slots";
import type { Input } from "./inputs";
import type { LinePrinter } from "./line-chunks";
import type { OutputFormat } from "./output";
import { badRow } from "./read-failure";
import { columnSeriesResult, linesWriter, seriesResult, THREAD_COLUMNS } from "./scan-columns";
import { type BarTimes, type Screen, screen } from "./screen";

/** Everything a worker needs to scan a file: plain data, so it crosses threads by structured clone. */
export interface ScanSettings {
  bandwidth: number;
  patterns?: PatternCode[];
  delimiter?: string;
  /** The --date-format pattern (compiled where it is used). */
  dateFormat?: string;
  screen: Screen;
  format: OutputFormat;
  /** Follow each detection's outcome (--outcomes). */
  outcomes?: boolean;
}

/** What one series contributes to the output. */
export interface SeriesResult {
  /** As the file gives it (its name, its Symbol cells): printed upper-cased (storedSymbol). */
  symbol: string;
  bars: number;
  /** Detections kept, per code. */
  counts: Partial<Record<PatternCode, number>>;
  /**
   * JSON Lines or CSV lines, ready to print (as chunks of bytes when written while scanning), or table
   * rows, for the table to print (table-rows.ts).
   */
  text: string | Uint8Array[];
  /** Table rows only: the widest text of each cell (TableRowsWriter). */
  widths?: readonly number[];
}

/**
 * A file's series, or the one line saying why it could not be read; for a part of a file (parts.ts),
 * `declined` when the column reader does not take the file.
 */
export type FileResult = { series: SeriesResult[] } | { error: string } | { declined: true };

/**
 * Scans a series (with outcomes when `settings.outcomes`), a refusal of its bars said in the file's terms
 * (bars/in-file.ts: the file's row, the times as it writes them, what its layout tells). Also used by
 * `patterns stats`.
 */
export function scanInFile(
  series: SeriesInFile,
  settings: Pick<ScanSettings, "bandwidth" | "patterns" | "outcomes">,
): Detection[] {
  try {
    const options = { bandwidth: settings.bandwidth, patterns: settings.patterns };
    return settings.outcomes ? scanOutcomes(series.bars, options) : scanBars(series.bars, options);
  } catch (error) {
    throw inFileTerms(error, series);
  }
}

/**
 * A series result with its lines printed now when there is `print` (the lines before them are printed, as
 * for the series' first lines): a long file's next symbol's lines are printed as they fill, so these go
 * first, and their memory takes the next symbol's lines (a universe in one file held 157 MB of lines for
 * the end otherwise). The result then holds no text; without `print` it is kept as it is.
 */
function printedNow(result: SeriesResult, print: LinePrinter | undefined): SeriesResult {
  if (print === undefined || typeof result.text === "string") return result;
  let written = true;
  for (const chunk of result.text) written = print(chunk) === true && written;
  // Printed either way: the result holds no text. Its memory is given back only when every byte is
  // written; else a write still queued reads it, so it stays held and the thread takes fresh memory instead.
  const held = THREAD_SLOTS.held();
  if (written && held !== undefined) freeSlots(held);
  return { ...result, text: [] };
}

/**
 * Scans one file (its bytes) as the series `symbol` (or its Symbol column's series): the common file, and
 * the common long file a symbol at a time, read straight into columns, any other by readSeries (a part of a
 * file is read where it lies: scanWork). `print`: the column reader's lines printed as they are written
 * (only when all before them are printed). `onSymbols`: told every symbol the file gives before its
 * first line is printed (eachSeries), throwing to refuse them.
 *
 * @example
 * scanFile(await readFile("spx.csv"), { file: "spx.csv", symbol: "SPX" }, settings, undefined)
 */
export function scanFile(
  file: Uint8Array,
  input: Input,
  settings: ScanSettings,
  format: DateFormat | undefined,
  print?: LinePrinter,
  onSymbols?: (symbols: readonly string[]) => void,
): FileResult {
  const { symbol, file: label } = input;
  const read = { symbol, delimiter: settings.delimiter, dateFormat: format };
  const output = (symbol: string, bars: BarTimes, found: Detection[]): SeriesResult => {
    const kept = screen(found, bars, settings.screen);
    // Written as bytes by the column path's writers: a string per line, then the whole text encoded, took
    // about a tenth of a 300,000-bar intraday file's scan.
    const writer = linesWriter(symbol, settings);
    for (let i = 0; i < kept.length; i++) writer.push(kept[i] as Detection);
    return seriesResult(symbol, bars.length, writer);
  };
  try {
    // Each series read into columns is scanned before the next is read, its lines printed as they come
    // (printedNow) when this thread prints.
    const series: SeriesResult[] = [];
    eachSeries(
      file,
      read,
      THREAD_COLUMNS,
      (name, columns) => series.push(printedNow(columnSeriesResult(name, columns, settings, print), print)),
      (read) => {
        const { symbol, bars } = read;
        const times = { length: bars.length, time: (i: number) => (bars[i] as Bar).time };
        series.push(output(symbol, times, scanInFile(read, settings)));
      },
      onSymbols,
    );
    return { series };
  } catch (error) {
    if (error instanceof BarsError) return { error: badRow(label, error) };
    throw error;
  }
}
