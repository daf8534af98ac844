// The table as `patterns scan` printed it before its rows were written as bytes (table-rows.ts, table.ts):
// a string array per row, each column padded to its widest cell, lines joined. The definition the byte
// writers are held to.

import {
  counted,
  type Detection,
  PATTERN_CODES,
  PATTERN_NAMES,
  type PatternCode,
} from "@stock-patterns/core";
import { OUTCOME_HEADER, OUTCOME_STATUSES, outcomeCells, statusCounts } from "../src/commands/scan/outcomes";

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

/** One series of the table: its symbol, its bars and the detections it prints. */
export interface ListedSeries {
  symbol: string;
  bars: number;
  detections: readonly Detection[];
}

/**
 * The table of `series` (the symbol column only when there are several), then its summary.
 *
 * @example
 * listedTable([{ symbol: "SPX", bars: 300, detections }], false) // "code  name ...\nHS    head-and-..."
 */
export function listedTable(series: readonly ListedSeries[], outcomes: boolean): string {
  const many = series.length > 1;
  const detection = ["symbol", "code", "name", "start", "end", "detectedAt", "confidence"];
  const header = outcomes ? [...detection, ...OUTCOME_HEADER] : detection;
  const right = new Set([detection.length - 1, header.length - 1]);
  const rows = series.flatMap((one) => one.detections.map((d) => tableRow(one.symbol, d, outcomes)));
  const columns = header.map((_, c) => c).slice(many ? 0 : 1);
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
  for (const row of rows) total[row[1] as PatternCode] = (total[row[1] as PatternCode] ?? 0) + 1;
  const bars = series.reduce((sum, one) => sum + one.bars, 0);
  const counts = PATTERN_CODES.filter((code) => total[code]).map((code) => `${code} ${total[code]}`);
  const where = many ? `${counted(bars, "bar")} of ${series.length} series` : counted(bars, "bar");
  const summary = `${counted(rows.length, "detection")} in ${where}${counts.length ? `: ${counts.join(", ")}` : ""}`;
  const statuses = OUTCOME_STATUSES.map(
    (status) => rows.filter((row) => row[detection.length] === status).length,
  );
  const ended = outcomes && rows.length > 0 ? [`outcomes: ${statusCounts(statuses)}`] : [];
  return [line(header), ...rows.map(line), "", summary, ...ended, ""].join("\n");
}
