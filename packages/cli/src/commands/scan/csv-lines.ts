// CSV lines written into bytes as the scan finds the detections, BATCH at a time: the rows `--format csv`
// prints for a series (output.ts), with --outcomes too, without a list of all detections kept or one long
// string of them.

import { type Detection, PATTERN_NAMES, type PatternCode } from "@stock-patterns/core";
import { BATCH, LineChunks, type LinePrinter, type LinesWriter } from "./line-chunks";
import { outcomeCells } from "./outcomes";
import { csvField } from "./output";

/**
 * Collects a series' CSV rows (symbol, pattern, name, start, end, detectedAt, confidence, and with
 * `outcomes` the outcome's status, breakout and target), the detections the scan pushes (those `keep`
 * accepts) written BATCH at a time, and counts them per code.
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

  private readonly held: Detection[] = [];

  push(d: Detection): void {
    if (this.keep !== undefined && !this.keep(d)) return;
    const { pattern } = d;
    this.counts[pattern] = (this.counts[pattern] ?? 0) + 1;
    const { held } = this;
    held.push(d);
    if (held.length === BATCH) this.write();
  }

  /** The rows so far, in chunks of whole rows. */
  chunks(): Uint8Array[] {
    this.write();
    return this.lines.chunks();
  }

  /** Writes the rows of the detections held. */
  private write(): void {
    const { held } = this;
    for (let i = 0; i < held.length; i++) {
      // biome-ignore lint/style/noNonNullAssertion: i is below held.length.
      const d = held[i]!;
      const head = this.heads[d.pattern] ?? this.headOf(d.pattern);
      const row = `${head}${csvField(d.start)},${csvField(d.end)},${csvField(d.detectedAt)},${csvField(String(d.confidence))}`;
      this.lines.line(this.outcomes ? `${row},${outcomeCells(d).map(csvField).join(",")}\n` : `${row}\n`);
    }
    held.length = 0;
  }

  private headOf(pattern: PatternCode): string {
    const head = `${this.symbol},${csvField(pattern)},${csvField(PATTERN_NAMES[pattern])},`;
    this.heads[pattern] = head;
    return head;
  }
}
