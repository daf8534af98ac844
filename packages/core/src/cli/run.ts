// `patterns` as a function of its arguments and input, so tests run it without a process.

import { parseBarsCsv } from "../bars/csv";
import { BarsError } from "../bars/errors";
import { parseBarsJson } from "../bars/json";
import { scanBars } from "../engine/scan";
import type { Bar } from "../types";
import { parseArgs, USAGE, UsageError } from "./args";
import { jsonLines, table } from "./format";

export interface CliIo {
  /** Reads a file's text, or standard input for "-". */
  read(file: string): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

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

/**
 * Runs the command line and returns the exit status: 0 done, 2 bad usage or input (one line on stderr).
 *
 * @example
 * await runCli(["scan", "data/sp500-2000.csv"], io)
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseArgs(argv);
    if (command.command === "help") {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    let text: string;
    try {
      text = await io.read(command.file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : String(code ?? error);
      throw new UsageError(`cannot read ${command.file}: ${reason}`);
    }
    const bars = parseBars(text);
    const detections = scanBars(bars, { bandwidth: command.bandwidth });
    io.stdout(command.json ? jsonLines(detections) : table(detections, bars.length));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof BarsError || error instanceof RangeError) {
      const where = argv[1] && argv[1] !== "-" && error instanceof BarsError ? `${argv[1]}: ` : "";
      io.stderr(`patterns: ${where}${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
