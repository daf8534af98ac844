// `patterns scan FILE`: reads one series, detects every pattern, prints a table or JSON Lines.

import { type Bar, BarsError, scanBars } from "@stock-patterns/core";
import { readSeries } from "../../bars";
import type { Command } from "../../command";
import { jsonLines, table } from "../../format";
import { type CliIo, UsageError } from "../../io";
import { parseScanArgs, SCAN_USAGE } from "./args";

async function readInput(file: string, io: CliIo): Promise<string> {
  try {
    return await io.read(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : String(code ?? error);
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
}

export const scanCommand: Command = {
  name: "scan",
  usage: SCAN_USAGE,
  async run(args, io) {
    const options = parseScanArgs(args);
    const text = await readInput(options.file, io);
    let bars: Bar[];
    try {
      [{ bars }] = readSeries(text, {
        symbol: options.file,
        delimiter: options.delimiter,
        dateFormat: options.dateFormat,
      });
    } catch (error) {
      // Name the file the bad row is in (standard input has no name).
      if (error instanceof BarsError && options.file !== "-")
        throw new UsageError(`${options.file}: ${error.message}`);
      throw error;
    }
    const detections = scanBars(bars, { bandwidth: options.bandwidth });
    io.stdout(options.json ? jsonLines(detections) : table(detections, bars.length));
  },
};
