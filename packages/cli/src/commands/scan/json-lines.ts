// JSON Lines written into bytes as the scan finds the detections, BATCH at a time: the lines
// JSON.stringify gives for { symbol, ...detection }, without a list of all detections kept, a string made
// per line, or an encoding pass over the lines before writing.

import type { Detection } from "@stock-patterns/core";
import { detectionBytes, jsonRecord, RecentExtrema, writeDetection, writesAsJson } from "./detection-json";
import { HeldLinesWriter, type LinePrinter } from "./line-chunks";

/**
 * Collects a series' JSON Lines (see HeldLinesWriter).
 *
 * @example
 * const lines = scanColumns(series, {}, new JsonLinesWriter("SPX"));
 * for (const chunk of lines.chunks()) process.stdout.write(chunk);
 */
export class JsonLinesWriter extends HeldLinesWriter {
  /** `{"symbol":"SPX"`: a detection's keys follow. */
  private readonly head: Uint8Array;
  private readonly recent = new RecentExtrema();
  /** Whether the records pushed have the keys writeDetection writes (known at the first). */
  private direct: boolean | undefined;

  constructor(
    private readonly symbol: string,
    keep?: (detection: Detection) => boolean,
    print?: LinePrinter,
  ) {
    super(keep, print);
    this.head = Buffer.from(`{"symbol":${JSON.stringify(symbol)}`, "utf8");
  }

  protected writeLine(d: Detection): void {
    const { lines } = this;
    this.direct ??= writesAsJson(d);
    if (!this.direct) {
      lines.line(`${JSON.stringify({ symbol: this.symbol, ...jsonRecord(d) })}\n`);
      return;
    }
    lines.room(detectionBytes(this.head.length, d));
    // A line at a chunk's start: the extrema written before are elsewhere, or written over.
    if (lines.at === 0) this.recent.clear();
    lines.at = writeDetection(lines.out, lines.at, this.head, d, this.recent);
  }
}
