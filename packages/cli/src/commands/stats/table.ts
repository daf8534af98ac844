// How `patterns stats` prints evidence: one row per code with the figures a reader compares first.

import { counted, type Evidence, EXPECTED_DIRECTION, PATTERN_NAMES } from "@stock-patterns/core";

/** The horizon the table shows (the JSON has all four). */
const HORIZON = "10";

const percent = (x: number | null, digits = 1) => (x === null ? "–" : `${(x * 100).toFixed(digits)}%`);
/** A share as a signed change in `unit`; one that rounds to zero is +0, never -0.00% or -0.0 pts. */
function change(x: number, digits: number, unit: string): string {
  const size = Math.abs(x * 100).toFixed(digits);
  return `${x < 0 && Number(size) !== 0 ? "-" : "+"}${size}${unit}`;
}
const signed = (x: number | null) => (x === null ? "–" : change(x, 2, "%"));

function row(e: Evidence): string[] {
  const h = e.horizons[HORIZON];
  const interval = e.successInterval;
  return [
    e.pattern,
    PATTERN_NAMES[e.pattern],
    EXPECTED_DIRECTION[e.pattern] ?? "-",
    String(e.detections),
    String(e.resolved),
    interval === null ? "–" : `${percent(e.successRate)} [${percent(interval[0])}, ${percent(interval[1])}]`,
    `${signed(h.returns.mean)} vs ${signed(h.baseline.mean)}`,
    h.lift === undefined ? "" : h.lift === null ? "–" : change(h.lift, 1, " pts"),
    h.ks === null ? "–" : h.ks.p.toFixed(3),
  ];
}

/**
 * An aligned table of the evidence per code, then what it covers and the baseline.
 *
 * @example
 * evidenceTable(evidenceOf(series), { series: 1, bars: 5105, asOf: undefined })
 */
export function evidenceTable(
  evidence: readonly Evidence[],
  covered: { series: number; bars: number; asOf: string | undefined },
): string {
  const header = [
    "code",
    "name",
    "claims",
    "n",
    "resolved",
    "success [95% interval]",
    "mean r10 vs baseline",
    "lift10",
    "KS p10",
  ];
  const rows = evidence.map(row);
  const numeric = new Set([3, 4, 7, 8]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  const baseline = evidence[0]?.horizons[HORIZON].baseline;
  const when = covered.asOf === undefined ? "at the end of the data" : `as of ${covered.asOf}`;
  const footer = [
    `${covered.series} series, ${counted(covered.bars, "bar")}, ${when}. Success: the target reached after a breakout in the claimed direction (any, for codes that claim none).`,
    baseline
      ? `Baseline r10 (every bar): n ${baseline.n}, mean ${signed(baseline.mean)}, up ${percent(baseline.upShare)}. Lift: share of r10 in the claimed direction minus the baseline's.`
      : "",
  ];
  return [line(header), ...rows.map(line), "", ...footer, ""].join("\n");
}
