// JSON Lines written into bytes as the scan finds each detection: the lines JSON.stringify gives for
// { symbol, ...detection }, without a list of detections kept, one long string built and flattened, or
// an encoding pass over it before writing (and the bytes cross from a worker thread without a copy).
// For detections of the column reader's series, whose times are ASCII (YYYY-MM-DD): each line's JSON is
// then ASCII, copied as Latin-1 (the same bytes as UTF-8), which measured several times faster.

import type { Detection, DetectionSink, PatternCode } from "@stock-patterns/core";

const COMMA = 0x2c;
const NEWLINE = 0x0a;

/**
 * Lines are written into chunks of this size, each left as it fills: no copy as the output grows (fresh
 * memory is slow to touch here: growing one buffer by doubling measured 150 ms for 19 MB of lines).
 */
const CHUNK_BYTES = 1 << 20;
const NO_BYTES = Buffer.alloc(0);

/**
 * Collects a series' JSON Lines, each detection as the scan pushes it (those `keep` accepts), and counts
 * them per code.
 *
 * @example
 * const lines = scanColumns(series, {}, new JsonLinesWriter("SPX"));
 * for (const chunk of lines.chunks()) process.stdout.write(chunk);
 */
export class JsonLinesWriter implements DetectionSink {
  readonly counts: Partial<Record<PatternCode, number>> = {};
  private readonly full: Uint8Array[] = [];
  /** Not from Buffer's shared pool, so its memory may be handed to another thread; made at the first line. */
  private out = NO_BYTES;
  private at = 0;
  /** `{"symbol":"SPX"`: a detection's own JSON follows, its opening brace made a comma. */
  private readonly head: Uint8Array;

  constructor(
    symbol: string,
    private readonly keep?: (detection: Detection) => boolean,
  ) {
    this.head = Buffer.from(`{"symbol":${JSON.stringify(symbol)}`, "utf8");
  }

  push(d: Detection): void {
    if (this.keep !== undefined && !this.keep(d)) return;
    this.counts[d.pattern] = (this.counts[d.pattern] ?? 0) + 1;
    const json = JSON.stringify(d);
    const { head } = this;
    this.room(head.length + json.length + 1);
    const { out } = this;
    let at = this.at;
    // biome-ignore lint/style/noNonNullAssertion: i < head.length.
    for (let i = 0; i < head.length; i++) out[at++] = head[i]!;
    const written = out.write(json, at, "latin1");
    out[at] = COMMA;
    at += written;
    out[at++] = NEWLINE;
    this.at = at;
  }

  /** The lines so far, in chunks of whole lines. */
  chunks(): Uint8Array[] {
    return this.at > 0 ? [...this.full, this.out.subarray(0, this.at)] : [...this.full];
  }

  /** Makes room for `size` more bytes: a new chunk when the current one is short of it. */
  private room(size: number): void {
    if (this.at + size <= this.out.length) return;
    if (this.at > 0) this.full.push(this.out.subarray(0, this.at));
    this.out = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, size));
    this.at = 0;
  }
}
