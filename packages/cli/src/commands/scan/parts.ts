// One long series scanned in parts on several threads: each part is read from its own lines, led by the
// bars its first windows reach back to, and gives the detections of the windows ending at its own bars,
// so the parts joined in order print what one scan prints.

import { type PatternCode, WINDOW } from "@stock-patterns/core";
import { type FilePart, type PositionalSource, readColumnsPart } from "../../bars";
import type { Input } from "./inputs";
import { columnSeriesResult, THREAD_COLUMNS } from "./scan-columns";
import type { FileResult, ScanSettings, SeriesResult } from "./scan-file";

/** A file smaller than this is scanned whole: a second thread's start (about 30 ms) would eat the gain. */
export const PART_BYTES = 4 << 20;

/**
 * How many parts `size` bytes are cut into for `threads` asked: one a thread, each of half PART_BYTES at
 * least (a file of PART_BYTES is cut in two, no more), so a --jobs written large starts no thread whose
 * start would cost more than its part saves (--jobs 100000 on a 5 MB file asked 99,999 threads of
 * about 50 bytes each).
 *
 * @example
 * partCountOf(5 << 20, 8) // 2
 * partCountOf(160 << 20, 8) // 8
 */
export function partCountOf(size: number, threads: number): number {
  return Math.max(1, Math.min(threads, Math.floor(size / (PART_BYTES / 2))));
}

/**
 * Whether a scan may be cut into parts: not with --latest, which scans only the last bars anyway, nor
 * with --outcomes, whose outcomes read up to 70 bars past a part's end, nor with --date-format, which the
 * column reader leaves to readSeries (the parts read a layout's cells that ISO 8601 reads too as ISO 8601:
 * "2000-01-02" under YYYY-DD-MM as 2 January, not 1 February).
 *
 * @example
 * splittable({ bandwidth: 1, format: "jsonl", screen: {} }) // true
 */
export function splittable(settings: ScanSettings): boolean {
  return settings.screen.latest === undefined && !settings.outcomes && settings.dateFormat === undefined;
}

/**
 * The inputs that scan `input` in parts, one per share (their sizes relative to each other).
 *
 * @example
 * partsOf({ file: "spx.csv", symbol: "SPX" }, [1, 1]) // parts { from: 0, to: 0.5 } and { from: 0.5, to: 1 }
 */
export function partsOf(input: Input, shares: readonly number[]): Input[] {
  const total = shares.reduce((sum, share) => sum + share, 0);
  let from = 0;
  return shares.map((share, i) => {
    const to = i === shares.length - 1 ? 1 : from + share / total;
    const part = { ...input, part: { from, to } };
    from = to;
    return part;
  });
}

/**
 * A part's contribution, or `declined` when the file is not one the column reader takes (scan it whole).
 * Only the file's header and the part's own bytes are read.
 *
 * @example
 * scanPart(bytesAt(file), "SPX", settings, { from: 0.5, to: 1 })
 */
export function scanPart(
  file: PositionalSource,
  symbol: string,
  settings: ScanSettings,
  part: FilePart,
): FileResult {
  // The column reader reads times as ISO 8601 or epoch numbers only, as it declines a file under a
  // --date-format (headerOf): a part of one is declined too, never read as ISO (splittable keeps such files
  // whole in the first place).
  if (settings.dateFormat !== undefined) return { declined: true };
  const read = readColumnsPart(
    file,
    { symbol, delimiter: settings.delimiter },
    part,
    WINDOW - 1,
    THREAD_COLUMNS,
  );
  if (read === undefined) return { declined: true };
  // Scanning the lead as well finds no window ending in it: the lead is at most W - 1 bars.
  const result = columnSeriesResult(symbol, read.series, settings);
  return { series: [{ ...result, bars: read.series.length - read.lead }] };
}

/**
 * The parts' results joined in order into the file's, or undefined when a part was declined.
 *
 * @example
 * joinParts([first, second])?.series[0].bars // the file's bars
 */
export function joinParts(parts: readonly FileResult[]): FileResult | undefined {
  const series: SeriesResult[] = [];
  for (const part of parts) {
    if ("declined" in part) return undefined;
    if ("error" in part) return part;
    series.push(...part.series);
  }
  const [first] = series;
  if (first === undefined) return undefined;
  const counts: Partial<Record<PatternCode, number>> = {};
  for (const one of series)
    for (const [code, n] of Object.entries(one.counts) as [PatternCode, number][])
      counts[code] = (counts[code] ?? 0) + n;
  const texts = series.map((one) => one.text);
  const joined: SeriesResult = {
    symbol: first.symbol,
    bars: series.reduce((sum, one) => sum + one.bars, 0),
    counts,
    text: texts.every((text) => typeof text === "string")
      ? texts.join("")
      : texts.flatMap((text) => (typeof text === "string" ? [Buffer.from(text)] : text)),
  };
  // Table rows: each cell as wide as in the widest part.
  const { widths } = first;
  if (widths !== undefined)
    joined.widths = widths.map((_, k) => Math.max(...series.map((one) => one.widths?.[k] ?? 0)));
  return { series: [joined] };
}
