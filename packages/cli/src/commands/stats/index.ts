// `patterns stats FILE...`: the evidence per code over one or many series (each file one series).

import {
  type Bar,
  BarsError,
  evidenceOf,
  parseBarsCsv,
  parseBarsJson,
  type SeriesOutcomes,
  scanOutcomes,
} from "@stock-patterns/core";
import type { Command } from "../../command";
import { type CliIo, UsageError } from "../../io";
import { parseStatsArgs, STATS_USAGE } from "./args";
import { evidenceTable } from "./table";

/** A JSON array of bars when the text starts with "[", CSV otherwise (as scan reads them). */
function parseBars(text: string): Bar[] {
  if (!text.trimStart().startsWith("[")) return parseBarsCsv(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BarsError(`the input is not valid JSON: ${(error as Error).message}`);
  }
  return parseBarsJson(value);
}

async function readSeries(file: string, bandwidth: number, io: CliIo): Promise<SeriesOutcomes> {
  let text: string;
  try {
    text = await io.read(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${file}: ${code === "ENOENT" ? "no such file" : String(code ?? error)}`,
    );
  }
  try {
    const bars = parseBars(text);
    return { bars, detections: scanOutcomes(bars, { bandwidth }) };
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
    for (const file of options.files) series.push(await readSeries(file, options.bandwidth, io));
    const evidence = evidenceOf(series, options.asOf);
    if (options.json) io.stdout(evidence.map((e) => `${JSON.stringify(e)}\n`).join(""));
    else {
      const bars = series.reduce((sum, s) => sum + s.bars.length, 0);
      io.stdout(evidenceTable(evidence, { series: series.length, bars, asOf: options.asOf }));
    }
    return 0;
  },
};
