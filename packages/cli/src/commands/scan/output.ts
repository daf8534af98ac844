// How `patterns scan` prints detections: JSON Lines, CSV, or an aligned table (table.ts).

import type { CliIo } from "../../io";
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

/**
 * `io` whose stdout prints `header` just before the first bytes of a line, so that a run refused once
 * something is scanned (a symbol given twice, found in a Symbol column) prints no header alone; `ensure`
 * prints it if it is still due, for a run that found nothing. Its other members are `io`'s, read as used (a
 * copy would ask stderrIsTerminal, which makes the stream, at once).
 *
 * @example
 * const out = headed(io, outputHeader("csv"));
 * out.io.stdout("SPX,HS,...\n"); // the header, then the line
 * out.ensure(); // nothing more
 */
export function headed(io: CliIo, header: string): { io: CliIo; ensure(): void } {
  if (header === "") return { io, ensure: () => undefined };
  let due = true;
  const stdout: CliIo["stdout"] = (text) => {
    if (due && text.length > 0) {
      due = false;
      io.stdout(header);
    }
    return io.stdout(text);
  };
  return {
    io: Object.assign(Object.create(io) as CliIo, { stdout }),
    ensure: () => {
      if (due) io.stdout(header);
      due = false;
    },
  };
}
