// JSON Lines written into bytes as the scan finds the detections, BATCH at a time: the lines
// JSON.stringify gives for { symbol, ...detection }, without a list of all detections kept, a string made
// per line, or an encoding pass over the lines before writing.

import type { Detection, PatternCode } from "@stock-patterns/core";
import { detectionBytes, jsonRecord, RecentExtrema, writeDetection, writesAsJson } from "./detection-json";
import { BATCH, LineChunks, type LinePrinter, type LinesWriter } from "./line-chunks";

/**
 * Collects a series' JSON Lines, the detections the scan pushes (those `keep` accepts) written BATCH at a
 * time, and counts them per code.
 *
 * @example
 * const lines = scanColumns(series, {}, new JsonLinesWriter("SPX"));
 * for (const chunk of lines.chunks()) process.stdout.write(chunk);
 */
export class JsonLinesWriter implements LinesWriter {
  readonly counts: Partial<Record<PatternCode, number>> = {};
  private readonly lines: LineChunks;
  /** `{"symbol":"SPX"`: a detection's keys follow. */
  private readonly head: Uint8Array;
  private readonly symbol: string;
  private readonly recent = new RecentExtrema();
  /** Whether the records pushed have the keys writeDetection writes (known at the first). */
  private direct: boolean | undefined;

  constructor(
    symbol: string,
    private readonly keep?: (detection: Detection) => boolean,
    print?: LinePrinter,
  ) {
    this.lines = new LineChunks(print);
    this.symbol = symbol;
    this.head = Buffer.from(`{"symbol":${JSON.stringify(symbol)}`, "utf8");
  }

  private readonly held: Detection[] = [];

  push(d: Detection): void {
    if (this.keep !== undefined && !this.keep(d)) return;
    this.counts[d.pattern] = (this.counts[d.pattern] ?? 0) + 1;
    const { held } = this;
    held.push(d);
    if (held.length === BATCH) this.write();
  }

  /** The lines so far, in chunks of whole lines. */
  chunks(): Uint8Array[] {
    this.write();
    return this.lines.chunks();
  }

  /** Writes the lines of the detections held. */
  private write(): void {
    const { held, lines } = this;
    for (let i = 0; i < held.length; i++) {
      // biome-ignore lint/style/noNonNullAssertion: i is below held.length.
      const d = held[i]!;
      this.direct ??= writesAsJson(d);
      if (!this.direct) {
        lines.line(`${JSON.stringify({ symbol: this.symbol, ...jsonRecord(d) })}\n`);
        continue;
      }
      lines.room(detectionBytes(this.head.length, d));
      // A line at a chunk's start: the extrema written before are elsewhere, or written over.
      if (lines.at === 0) this.recent.clear();
      lines.at = writeDetection(lines.out, lines.at, this.head, d, this.recent);
    }
    held.length = 0;
  }
}
