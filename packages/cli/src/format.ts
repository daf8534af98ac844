// How `patterns scan` prints detections: an aligned table with counts, or JSON Lines.

import { type Detection, PATTERN_CODES, PATTERN_NAMES } from "@stock-patterns/core";

/** One detection per line, times exactly as they appeared in the input. */
export function jsonLines(detections: readonly Detection[]): string {
  return detections.map((d) => `${JSON.stringify(d)}\n`).join("");
}

/** A readable table (code, name, start, end, detectedAt, confidence) and the count for each code found. */
export function table(detections: readonly Detection[], bars: number): string {
  const header = ["code", "name", "start", "end", "detectedAt", "confidence"];
  const rows = detections.map((d) => [
    d.pattern,
    PATTERN_NAMES[d.pattern],
    d.start,
    d.end,
    d.detectedAt,
    String(d.confidence),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ");
  const counts = PATTERN_CODES.map(
    (code) => [code, detections.filter((d) => d.pattern === code).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([code, n]) => `${code} ${n}`);
  const summary = `${detections.length} detections in ${bars} bars${counts.length ? `: ${counts.join(", ")}` : ""}`;
  return [line(header), ...rows.map(line), "", summary, ""].join("\n");
}
