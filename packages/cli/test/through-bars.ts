// What a file gave before the column readers, the reference they are held to: every file read by
// readSeries, each of its series scanned as bars and printed under its own symbol, as the API stores it.

import { storedSymbol } from "@stock-patterns/core";
import { readSeries } from "../src/bars";
import { linesWriter, seriesResult } from "../src/commands/scan/scan-columns";
import { type FileResult, type ScanSettings, scanInFile } from "../src/commands/scan/scan-file";
import { screen } from "../src/commands/scan/screen";
import { listedLines } from "./listed-lines";

/**
 * scanFile's result for `file` (named `label` in errors), as readSeries and scanBars make it.
 *
 * @example
 * expect(printed(scanFile(file, input, settings, undefined))).toEqual(printed(throughBars(file, "spx", settings)));
 */
export function throughBars(
  file: Uint8Array,
  symbol: string,
  settings: ScanSettings,
  label = "file.csv",
): FileResult {
  try {
    const text = Buffer.from(file.buffer, file.byteOffset, file.byteLength).toString("utf8");
    return {
      series: readSeries(text, { symbol, delimiter: settings.delimiter }).map((series) => {
        const { symbol, bars } = series;
        const found = scanInFile(series, settings);
        const times = { length: bars.length, time: (i: number) => bars[i]?.time ?? "" };
        const kept = screen(found, times, settings.screen);
        if (settings.format === "table") {
          // Table rows are bytes only the table reads (table-rows.ts; held to listedTable by its tests).
          const rows = linesWriter(symbol, settings);
          for (const d of kept) rows.push(d);
          return seriesResult(symbol, bars.length, rows);
        }
        const lines = listedLines(storedSymbol(symbol), kept, settings.format, settings.outcomes);
        return { symbol, bars: bars.length, ...lines };
      }),
    };
  } catch (error) {
    return { error: `${label}: ${(error as Error).message}` };
  }
}
