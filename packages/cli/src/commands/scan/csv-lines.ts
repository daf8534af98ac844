// CSV lines written into bytes as the scan finds the detections, BATCH at a time: the rows `--format csv`
// prints for a series (output.ts), with --outcomes too, without a list of all detections kept or one long
// string of them.

import { type Detection, PATTERN_NAMES, type PatternCode } from "@stock-patterns/core";
import { HeldLinesWriter, type LinePrinter } from "./line-chunks";
import { outcomeCells } from "./outcomes";
import { csvField } from "./output";

/**
 * Collects a series' CSV rows (symbol, pattern, name, start, end, detectedAt, confidence, and with
 * `outcomes` the outcome's status, breakout and target; see HeldLinesWriter).
 *
 * @example
 * const rows = scanColumns(series, {}, new CsvLinesWriter("SPX"));
 * for (const chunk of rows.chunks()) process.stdout.write(chunk);
 */
export class CsvLinesWriter extends HeldLinesWriter {
  private readonly symbol: string;
  /** Per code, the row's first three cells: `SPX,HS,head-and-shoulders,`. */
  private readonly heads: Partial<Record<PatternCode, string>> = {};

  constructor(
    symbol: string,
    keep?: (detection: Detection) => boolean,
    print?: LinePrinter,
    private readonly outcomes = false,
  ) {
    super(keep, print);
    this.symbol = csvField(symbol);
  }

  protected writeLine(d: Detection): void {
    const head = this.heads[d.pattern] ?? this.headOf(d.pattern);
    const row = `${head}${csvField(d.start)},${csvField(d.end)},${csvField(d.detectedAt)},${csvField(String(d.confidence))}`;
    this.lines.line(this.outcomes ? `${row},${outcomeCells(d).map(csvField).join(",")}\n` : `${row}\n`);
  }

  private headOf(pattern: PatternCode): string {
    const head = `${this.symbol},${csvField(pattern)},${csvField(PATTERN_NAMES[pattern])},`;
    this.heads[pattern] = head;
    return head;
  }
}
