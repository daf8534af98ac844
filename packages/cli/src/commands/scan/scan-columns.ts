// The common file's way through the scan: a series read into columns, scanned (with outcomes or without)
// without Bar objects, and with its table rows, JSON Lines or CSV written as bytes while the scan runs.

import { type Detection, scanColumnOutcomes, scanColumns, storedSymbol, WINDOW } from "@stock-patterns/core";
import {
  type ByteSource,
  ColumnScratch,
  type ColumnSeries,
  type DateFormat,
  PIECE_BYTES,
  type ReadOptions,
  readColumnsFrom,
} from "../../bars";
import { THREAD_SLOTS } from "../../output-slots";
import { CsvLinesWriter } from "./csv-lines";
import type { Input } from "./inputs";
import { JsonLinesWriter } from "./json-lines";
import type { LinePrinter, LinesWriter } from "./line-chunks";
import type { FileResult, ScanSettings, SeriesResult } from "./scan-file";
import { screenTest } from "./screen";
import { TableRowsWriter } from "./table-rows";

/**
 * The columns this thread reads files into: a scan reads one file at a time, and its series is done with
 * once its result is made (strings and bytes of their own).
 */
export const THREAD_COLUMNS = new ColumnScratch();

/**
 * The writer of a series' lines in `settings`' format, JSON Lines, CSV or table rows: `keep` and `print`
 * as the writers take them (a table's rows are not printed as they come: they wait for the whole table).
 * The column path and readSeries' path write through it alike. `symbol` as the file gives it, printed as
 * the API stores it (storedSymbol: aapl.csv's lines say AAPL).
 *
 * @example
 * const writer = linesWriter("SPX", { bandwidth: 1, format: "csv", screen: {} });
 */
export function linesWriter(
  symbol: string,
  settings: ScanSettings,
  keep?: (detection: Detection) => boolean,
  print?: LinePrinter,
): LinesWriter {
  if (settings.format === "table") return new TableRowsWriter(settings.outcomes === true, keep);
  const stored = storedSymbol(symbol);
  return settings.format === "csv"
    ? new CsvLinesWriter(stored, keep, print, settings.outcomes)
    : new JsonLinesWriter(stored, keep, print);
}

/**
 * A series' result from the writer its lines went into.
 *
 * @example
 * seriesResult("SPX", 300, scanColumns(series, {}, linesWriter("SPX", settings)))
 */
export function seriesResult(symbol: string, bars: number, lines: LinesWriter): SeriesResult {
  const result = { symbol, bars, counts: lines.counts, text: lines.chunks() };
  return lines.widths === undefined ? result : { ...result, widths: lines.widths };
}

/**
 * What a series read into columns contributes to the output: the same as scanning its bars. With
 * `print`, its lines are printed as they fill a chunk (see LineChunks); the result holds the rest.
 *
 * @example
 * columnSeriesResult("SPX", readColumns(file, { symbol: "SPX" }), settings).text
 */
export function columnSeriesResult(
  symbol: string,
  series: ColumnSeries,
  settings: ScanSettings,
  print?: LinePrinter,
): SeriesResult {
  const options = { bandwidth: settings.bandwidth, patterns: settings.patterns };
  const keep = screenTest(series, settings.screen);
  // With --latest N only the windows ending in the last N bars can hold a kept detection (a window's
  // detections and their outcomes read only its own bars and those after it): scan the bars they cover.
  const { latest } = settings.screen;
  const scanned =
    latest === undefined ? series : series.from(Math.max(0, series.length - latest - (WINDOW - 1)));
  const scan = settings.outcomes ? scanColumnOutcomes : scanColumns;
  return seriesResult(
    symbol,
    series.length,
    scan(scanned, options, linesWriter(symbol, settings, keep, print)),
  );
}

/**
 * Scans a file read a piece at a time (scanFile's result for it), or undefined when the column reader
 * does not take the file: then read it whole and scanFile it. `print` as for columnSeriesResult;
 * `onSymbols` told the file's one symbol (its name's) before its lines are printed, as scanFile tells it.
 *
 * @example
 * io.withFile("spx.csv", (source) => scanSource(source, { file: "spx.csv", symbol: "SPX" }, settings, undefined))
 */
export function scanSource(
  source: ByteSource,
  input: Input,
  settings: ScanSettings,
  format: DateFormat | undefined,
  print?: LinePrinter,
  onSymbols?: (symbols: readonly string[]) => void,
): FileResult | undefined {
  const read = { symbol: input.symbol, delimiter: settings.delimiter, dateFormat: format };
  const columns = pieceLent ? readColumnsFrom(source, read, THREAD_COLUMNS) : readIntoSlot(source, read);
  if (columns === undefined) return undefined;
  onSymbols?.([input.symbol]);
  return { series: [columnSeriesResult(input.symbol, columns, settings, print)] };
}

/** Whether this thread's first file read a piece at a time has been read (see readIntoSlot). */
let pieceLent = false;

/**
 * readColumnsFrom for the first file this thread reads a piece at a time, its pieces read into the output
 * slot its lines are then written into: one MiB less of fresh memory (~256 page faults of ~21 us here) for
 * a run of one file. `take` gives memory no result holds, so no line is written over; later files read
 * into the scratch's own piece, as the slot may by then hold lines not yet printed.
 */
function readIntoSlot(source: ByteSource, read: ReadOptions): ColumnSeries | undefined {
  pieceLent = true;
  const slot = THREAD_SLOTS.take(PIECE_BYTES);
  THREAD_COLUMNS.piece = slot;
  try {
    return readColumnsFrom(source, read, THREAD_COLUMNS);
  } finally {
    THREAD_SLOTS.giveBack(slot);
    THREAD_COLUMNS.piece = Buffer.alloc(0);
  }
}
