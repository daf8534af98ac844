// JSON Lines written into bytes as the scan finds each detection: the lines JSON.stringify gives for
// { symbol, ...detection }, without a list of detections kept, one long string built and flattened, or
// an encoding pass over it before writing. For detections of the column reader's series, whose times
// are ASCII (YYYY-MM-DD): each line's JSON is then ASCII, copied as Latin-1 (the same bytes as UTF-8),
// which measured several times faster.

import type { Detection, PatternCode } from "@stock-patterns/core";
import { LineChunks, type LinePrinter, type LinesWriter } from "./line-chunks";

const COMMA = 0x2c;
const NEWLINE = 0x0a;

/**
 * Collects a series' JSON Lines, each detection as the scan pushes it (those `keep` accepts), and counts
 * them per code.
 *
 * @example
 * const lines = scanColumns(series, {}, new JsonLinesWriter("SPX"));
 * for (const chunk of lines.chunks()) process.stdout.write(chunk);
 */
export class JsonLinesWriter implements LinesWriter {
  readonly counts: Partial<Record<PatternCode, number>> = {};
  private readonly lines: LineChunks;
  /** `{"symbol":"SPX"`: a detection's own JSON follows, its opening brace made a comma. */
  private readonly head: Uint8Array;

  constructor(
    symbol: string,
    private readonly keep?: (detection: Detection) => boolean,
    print?: LinePrinter,
  ) {
    this.lines = new LineChunks(print);
    this.head = Buffer.from(`{"symbol":${JSON.stringify(symbol)}`, "utf8");
  }

  push(d: Detection): void {
    if (this.keep !== undefined && !this.keep(d)) return;
    this.counts[d.pattern] = (this.counts[d.pattern] ?? 0) + 1;
    const json = JSON.stringify(d);
    const { head, lines } = this;
    lines.room(head.length + json.length + 1);
    const { out } = lines;
    let at = lines.at;
    // biome-ignore lint/style/noNonNullAssertion: i < head.length.
    for (let i = 0; i < head.length; i++) out[at++] = head[i]!;
    const written = out.write(json, at, "latin1");
    out[at] = COMMA;
    at += written;
    out[at++] = NEWLINE;
    lines.at = at;
  }

  /** The lines so far, in chunks of whole lines. */
  chunks(): Uint8Array[] {
    return this.lines.chunks();
  }
}
