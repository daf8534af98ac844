// Reads the bars to replay from a CSV or JSON file, with the file's name in any error.

import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { type Bar, BarsError, parseBarsCsv, parseBarsJson } from "@stock-patterns/core";
import { UsageError } from "./options";

/**
 * The bars of `file` (JSON when it ends in .json, else CSV), or a UsageError naming the bad row.
 *
 * @example
 * const bars = loadBars("data/sp500-2000.csv");
 */
export function loadBars(file: string): Bar[] {
  const text = readFileSync(file, "utf8");
  try {
    return extname(file).toLowerCase() === ".json" ? parseBarsJson(JSON.parse(text)) : parseBarsCsv(text);
  } catch (error) {
    if (error instanceof BarsError || error instanceof SyntaxError) {
      throw new UsageError(`--replay ${file}: ${error.message}`);
    }
    throw error;
  }
}
