// `patterns stats FILE... | DIR`: the evidence per code over one or many series (each file, or each
// symbol of a file with a Symbol column, one series), read as `patterns scan` reads them.

import { BarsError, evidenceOf, type FollowedDetection, type SeriesOutcomes } from "@stock-patterns/core";
import { decodeText, readSeries } from "../../bars";
import type { Command } from "../../command";
import { type CliIo, UsageError } from "../../io";
import { inputsOf } from "../scan/inputs";
import { readFailure } from "../scan/read-failure";
import { scanInFile } from "../scan/scan-file";
import { parseStatsArgs, STATS_USAGE, type StatsOptions } from "./args";
import { evidenceTable } from "./table";

/** The series of one file (one, or one per symbol of a Symbol column), each with its detections' outcomes. */
async function seriesOf(
  file: string,
  symbol: string,
  options: StatsOptions,
  io: CliIo,
): Promise<SeriesOutcomes[]> {
  let text: string;
  try {
    text = decodeText(await io.read(file));
  } catch (error) {
    throw new UsageError(readFailure(file, error));
  }
  try {
    const { delimiter, dateFormat, bandwidth } = options;
    return readSeries(text, { symbol, delimiter, dateFormat }).map(({ bars, rows }) => ({
      bars,
      detections: scanInFile(bars, rows, { bandwidth, outcomes: true }) as FollowedDetection[],
    }));
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
    const series: SeriesOutcomes[] = [];
    for (const { file, symbol } of await inputsOf(options.files, io.list))
      series.push(...(await seriesOf(file, symbol, options, io)));
    const evidence = evidenceOf(series, options.asOf);
    if (options.json) io.stdout(evidence.map((e) => `${JSON.stringify(e)}\n`).join(""));
    else {
      const bars = series.reduce((sum, s) => sum + s.bars.length, 0);
      io.stdout(evidenceTable(evidence, { series: series.length, bars, asOf: options.asOf }));
    }
    return 0;
  },
};
