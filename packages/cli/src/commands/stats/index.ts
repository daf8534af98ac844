// `patterns stats FILE... | DIR`: the evidence per code over one or many series (each file, or each
// symbol of a file with a Symbol column, one series), read as `patterns scan` reads them.

import {
  BarsError,
  EvidencePool,
  type FollowedDetection,
  type SeriesOutcomes,
  scanColumnOutcomes,
} from "@stock-patterns/core";
import { eachSeries } from "../../bars";
import type { Command } from "../../command";
import { type CliIo, UsageError } from "../../io";
import { inputsOf } from "../scan/inputs";
import { readFailure } from "../scan/read-failure";
import { THREAD_COLUMNS } from "../scan/scan-columns";
import { scanInFile } from "../scan/scan-file";
import { parseStatsArgs, STATS_USAGE, type StatsOptions } from "./args";
import { evidenceTable } from "./table";

/**
 * The series of one file (one, or one per symbol of a Symbol column), each with its detections' outcomes,
 * handed to `each` in turn: read into columns and scanned there when the column reader takes the file, as
 * `patterns scan` does (each series' columns are reused by the next: `each` counts it at once).
 */
async function eachSeriesOf(
  file: string,
  symbol: string,
  options: StatsOptions,
  io: CliIo,
  each: (series: SeriesOutcomes) => void,
): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await io.read(file);
  } catch (error) {
    throw new UsageError(readFailure(file, error));
  }
  try {
    const { delimiter, dateFormat, bandwidth } = options;
    eachSeries(
      bytes,
      { symbol, delimiter, dateFormat },
      THREAD_COLUMNS,
      (_, columns) =>
        each({ bars: columns, detections: scanColumnOutcomes<FollowedDetection[]>(columns, { bandwidth }) }),
      ({ bars, rows }) =>
        each({
          bars,
          detections: scanInFile(bars, rows, { bandwidth, outcomes: true }) as FollowedDetection[],
        }),
    );
  } catch (error) {
    // Name the file the bad row is in (standard input has no name).
    if (error instanceof BarsError && file !== "-") throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

export const statsCommand: Command = {
  name: "stats",
  usage: STATS_USAGE,
  async run(args, io) {
    const options = parseStatsArgs(args);
    // Each series counted as it is read, its bars then let go (a universe's 500 held at once: 1.1 GB).
    const pool = new EvidencePool(options.asOf);
    let series = 0;
    let bars = 0;
    for (const { file, symbol } of await inputsOf(options.files, io.list))
      await eachSeriesOf(file, symbol, options, io, (one) => {
        pool.add(one);
        series++;
        bars += one.bars.length;
      });
    const evidence = pool.evidence();
    if (options.json) io.stdout(evidence.map((e) => `${JSON.stringify(e)}\n`).join(""));
    else io.stdout(evidenceTable(evidence, { series, bars, asOf: options.asOf }));
    return 0;
  },
};
