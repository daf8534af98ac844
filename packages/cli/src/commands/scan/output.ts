// How `patterns scan` prints detections: JSON Lines, CSV, or an aligned table with the count for each code.

import { type Detection, PATTERN_CODES, PATTERN_NAMES, type PatternCode } from "@stock-patterns/core";
import { OUTCOME_HEADER, outcomeCells, statusCounts } from "./outcomes";
import type { SeriesResult } from "./scan-file";

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

/** A detection's cells, as the table and CSV lines give them. */
export function tableRow(symbol: string, d: Detection, outcomes: boolean): string[] {
  const row = [
    symbol,
    d.pattern,
    PATTERN_NAMES[d.pattern],
    d.start,
    d.end,
    d.detectedAt,
    String(d.confidence),
  ];
  return outcomes ? [...row, ...outcomeCells(d)] : row;
}

/**
 * One series' part of the table: a row per detection (every row names the symbol), and the count for each
 * code. JSON Lines and CSV are written as bytes (JsonLinesWriter, CsvLinesWriter).
 *
 * @example
 * tableOutput("SPX", bars.length, detections).rows[0] // ["SPX", "HS", "head and shoulders", ...]
 */
export function tableOutput(
  symbol: string,
  bars: number,
  detections: readonly Detection[],
  outcomes = false,
): SeriesResult {
  const counts: Partial<Record<PatternCode, number>> = {};
  for (const d of detections) counts[d.pattern] = (counts[d.pattern] ?? 0) + 1;
  const rows = detections.map((d) => tableRow(symbol, d, outcomes));
  return { symbol, bars, counts, text: "", rows };
}

/** What comes before the first series: the CSV header, nothing otherwise. */
export function outputHeader(format: OutputFormat, outcomes = false): string {
  if (format !== "csv") return "";
  return outcomes ? `${CSV_HEADER.trimEnd()},${OUTCOME_HEADER.join(",")}\n` : CSV_HEADER;
}

/**
 * The table of every series' rows (with --outcomes, each detection's status, breakout and target too) (the symbol column only when there are several series) and a summary:
 * detections, bars, series and the count for each code found.
 */
export function renderTable(results: readonly SeriesResult[], outcomes = false): string {
  const many = results.length > 1;
  const detection = ["symbol", "code", "name", "start", "end", "detectedAt", "confidence"];
  const header = outcomes ? [...detection, ...OUTCOME_HEADER] : detection;
  // Numbers align right: confidence, and the target price with --outcomes.
  const right = new Set([detection.length - 1, header.length - 1]);
  const rows = results.flatMap((result) => result.rows);
  const columns = many ? header.map((_, c) => c) : header.map((_, c) => c).slice(1);
  // A row shorter than the header prints its missing cells empty.
  const cellAt = (cells: readonly string[], c: number) => cells[c] ?? "";
  const widths = header.map((h, c) =>
    rows.reduce((width, row) => Math.max(width, cellAt(row, c).length), h.length),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((c) => {
        const width = widths[c] ?? 0;
        return right.has(c) ? cellAt(cells, c).padStart(width) : cellAt(cells, c).padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const total: Partial<Record<PatternCode, number>> = {};
  let bars = 0;
  for (const result of results) {
    bars += result.bars;
    for (const [code, n] of Object.entries(result.counts) as [PatternCode, number][])
      total[code] = (total[code] ?? 0) + n;
  }
  const counts = PATTERN_CODES.filter((code) => total[code]).map((code) => `${code} ${total[code]}`);
  const where = many ? `${bars} bars of ${results.length} series` : `${bars} bars`;
  const summary = `${rows.length} detections in ${where}${counts.length ? `: ${counts.join(", ")}` : ""}`;
  const ended = outcomes
    ? [`outcomes: ${statusCounts(rows.map((row) => cellAt(row, detection.length)))}`]
    : [];
  return [line(header), ...rows.map(line), "", summary, ...ended, ""].join("\n");
}
