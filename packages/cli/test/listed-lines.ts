// A series' JSON Lines and CSV lines as strings, one JSON.stringify or join per detection: what the CLI
// printed before its byte writers (JsonLinesWriter, CsvLinesWriter), and the definition they are held to.

import type { Detection, PatternCode } from "@stock-patterns/core";
import { jsonRecord } from "../src/commands/scan/detection-json";
import { csvField } from "../src/commands/scan/output";
import { tableRow } from "./listed-table";

/**
 * The lines of `detections` in `format`, every one naming `symbol`, and the count for each code.
 *
 * @example
 * listedLines("SPX", detections, "jsonl").text // '{"symbol":"SPX","pattern":"HS",...}\n...'
 */
export function listedLines(
  symbol: string,
  detections: readonly Detection[],
  format: "jsonl" | "csv",
  outcomes = false,
): { text: string; counts: Partial<Record<PatternCode, number>> } {
  const counts: Partial<Record<PatternCode, number>> = {};
  for (const d of detections) counts[d.pattern] = (counts[d.pattern] ?? 0) + 1;
  const line = (d: Detection) =>
    format === "jsonl"
      ? `${JSON.stringify({ symbol, ...jsonRecord(d) })}\n`
      : `${tableRow(symbol, d, outcomes).map(csvField).join(",")}\n`;
  return { text: detections.map(line).join(""), counts };
}
