// One input file through the whole scan: read, detect, screen, format. Pure, so it runs the same in the main
// thread and in a worker.

import { BarsError, type PatternCode, scanBars } from "@stock-patterns/core";
import { type DateFormat, readSeries } from "../../bars";
import { type OutputFormat, seriesOutput } from "./output";
import { type Screen, screen } from "./screen";

/** Everything a worker needs to scan a file: plain data, so it crosses threads by structured clone. */
export interface ScanSettings {
  bandwidth: number;
  patterns?: PatternCode[];
  delimiter?: string;
  /** The --date-format pattern (compiled where it is used). */
  dateFormat?: string;
  screen: Screen;
  format: OutputFormat;
}

/** What one series contributes to the output. */
export interface SeriesResult {
  symbol: string;
  bars: number;
  /** Detections kept, per code. */
  counts: Partial<Record<PatternCode, number>>;
  /** JSON Lines or CSV lines, ready to print. */
  text: string;
  /** Table rows (table format only). */
  rows: string[][];
}

/** A file's series, or the one line saying why it could not be read. */
export type FileResult = { series: SeriesResult[] } | { error: string };

/**
 * Scans one file's text as the series `symbol` (or its Symbol column's series).
 *
 * @example
 * scanFile(text, "SPX", "spx.csv", settings, undefined)
 */
export function scanFile(
  text: string,
  symbol: string,
  label: string,
  settings: ScanSettings,
  format: DateFormat | undefined,
): FileResult {
  try {
    const series = readSeries(text, { symbol, delimiter: settings.delimiter, dateFormat: format });
    return {
      series: series.map(({ symbol, bars }) => {
        const found = scanBars(bars, { bandwidth: settings.bandwidth, patterns: settings.patterns });
        return seriesOutput(symbol, bars.length, screen(found, bars, settings.screen), settings.format);
      }),
    };
  } catch (error) {
    if (error instanceof BarsError)
      return { error: label === "-" ? error.message : `${label}: ${error.message}` };
    throw error;
  }
}
