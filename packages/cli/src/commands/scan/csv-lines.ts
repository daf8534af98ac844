// CSV lines written into bytes as the scan finds each detection: the rows `--format csv` prints for a
// series (output.ts), with --outcomes too, without a list of detections kept or one long string of them.

import { type Detection, PATTERN_NAMES, type PatternCode } from "@stock-patterns/core";
import { LineChunks, type LinePrinter, type LinesWriter } from "./line-chunks";
import { outcomeCells } from "./outcomes";
import { csvField } from "./output";

/**
 * Collects a series' CSV rows (symbol, pattern, name, start, end, detectedAt, confidence, and with
 * `outcomes` the outcome's status, breakout and target), each detection as the scan pushes it (those
 * `keep` accepts), and counts them per code.
 *
 * @example
 * const rows = scanColumns(series, {}, new CsvLinesWriter("SPX"));
 * for (const chunk of rows.chunks()) process.stdout.write(chunk);
 */
export class CsvLinesWriter implements LinesWriter {
  readonly counts: Partial<Record<PatternCode, number>> = {};
  private readonly lines: LineChunks;
  private readonly symbol: string;
  /** Per code, the row's first three cells: `SPX,HS,head-and-shoulders,`. */
  private readonly heads: Partial<Record<PatternCode, string>> = {};

  constructor(
    symbol: string,
    private readonly keep?: (detection: Detection) => boolean,
    print?: LinePrinter,
    private readonly outcomes = false,
  ) {
    this.lines = new LineChunks(print);
    this.symbol = csvField(symbol);
  }

  push(d: Detection): void {
    if (this.keep !== undefined && !this.keep(d)) return;
    const { pattern } = d;
    this.counts[pattern] = (this.counts[pattern] ?? 0) + 1;
    const head = this.heads[pattern] ?? this.headOf(pattern);
    const row = `${head}${csvField(d.start)},${csvField(d.end)},${csvField(d.detectedAt)},${csvField(String(d.confidence))}`;
    this.lines.line(this.outcomes ? `${row},${outcomeCells(d).map(csvField).join(",")}\n` : `${row}\n`);
  }

  /** The rows so far, in chunks of whole rows. */
  chunks(): Uint8Array[] {
    return this.lines.chunks();
  }

  private headOf(pattern: PatternCode): string {
    const head = `${this.symbol},${csvField(pattern)},${csvField(PATTERN_NAMES[pattern])},`;
    this.heads[pattern] = head;
    return head;
  }
}
