// How `patterns scan` prints detections: JSON Lines, CSV, or an aligned table (table.ts).

import { OUTCOME_HEADER } from "./outcomes";

export const OUTPUT_FORMATS = ["table", "jsonl", "csv"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const CSV_HEADER = "symbol,pattern,name,start,end,detectedAt,confidence\n";

/**
 * A CSV field, quoted only when it holds a separator, a quote or a line break (RFC 4180).
 *
 * @example
 * csvField('a,"b"') // '"a,""b"""'
 */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** What comes before the first series: the CSV header, nothing otherwise. */
export function outputHeader(format: OutputFormat, outcomes = false): string {
  if (format !== "csv") return "";
  return outcomes ? `${CSV_HEADER.trimEnd()},${OUTCOME_HEADER.join(",")}\n` : CSV_HEADER;
}
