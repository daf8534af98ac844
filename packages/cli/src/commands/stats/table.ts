// How `patterns stats` prints evidence: one row per code with the figures a reader compares first.

import {
  counted,
  type DesignEffects,
  type Evidence,
  EXPECTED_DIRECTION,
  type Horizon,
  type LiftInterval,
  liftInterval,
  MIN_SAMPLE,
  NO_INTERVAL,
  PATTERN_NAMES,
  UNCHANGED_CLOSES,
  WIDENED,
} from "@stock-patterns/core";

/** What the lift's interval allows for, said under the table (docs/patterns.md "The lift's interval"). */
const OVERLAP =
  "The interval allows for returns that overlap in time (nearby detections, other series on the same dates), as a design effect on Newcombe's.";

/** The horizon the table shows (the JSON has all four). */
export const TABLE_HORIZON: Horizon = 10;
const HORIZON = `${TABLE_HORIZON}` as const;

const percent = (x: number | null, digits = 1) => (x === null ? "–" : `${(x * 100).toFixed(digits)}%`);
/** A share as a signed change in `unit`; one that rounds to zero is +0, never -0.00% or -0.0 pts. */
function change(x: number, digits: number, unit: string): string {
  const size = Math.abs(x * 100).toFixed(digits);
  return `${x < 0 && Number(size) !== 0 ? "-" : "+"}${size}${unit}`;
}
const signed = (x: number | null) => (x === null ? "–" : change(x, 2, "%"));
/** Share points with their sign, for a lift and its bounds: "-2.2", "+12.7". */
const points = (x: number) => change(x, 1, "");

/**
 * The count behind a rate, said to be too few under MIN_SAMPLE: the resolved detections behind the success
 * rate, and the 10-bar returns behind the mean and lift (fewer than `detections` as of a time when the
 * newest have no 10-bar return yet).
 */
function countBehind(n: number): string {
  return n < MIN_SAMPLE ? `${n} (too few)` : String(n);
}

/**
 * The 10-bar lift's interval of a code that claims a direction and has a lift, allowing for its returns'
 * overlap in time (`effects`); null otherwise.
 */
function liftIntervalOf(e: Evidence, effects: DesignEffects): LiftInterval | null {
  const h = e.horizons[HORIZON];
  const direction = EXPECTED_DIRECTION[e.pattern];
  return direction === undefined || h.lift == null
    ? null
    : liftInterval(h, direction, effects[e.pattern]?.[HORIZON]);
}

/**
 * The lift with its 95% interval ("-2.2 pts [-17.1, +12.7]", "widened" after it when unchanged closes made
 * it span every count they allow) or why it has none ("[no interval: unchanged closes]"), "–" without data,
 * "" for codes with no claim.
 */
function liftCell(e: Evidence, effects: DesignEffects): string {
  const { lift } = e.horizons[HORIZON];
  if (lift === undefined || EXPECTED_DIRECTION[e.pattern] === undefined) return "";
  const interval = liftIntervalOf(e, effects);
  if (lift === null || interval === null) return "–";
  const { bounds } = interval;
  if (bounds === null) return `${change(lift, 1, " pts")} [no interval: ${NO_INTERVAL[interval.reason]}]`;
  return `${change(lift, 1, " pts")} [${points(bounds[0])}, ${points(bounds[1])}]${interval.widened ? " widened" : ""}`;
}

function row(e: Evidence, effects: DesignEffects): string[] {
  const h = e.horizons[HORIZON];
  const interval = e.successInterval;
  return [
    e.pattern,
    PATTERN_NAMES[e.pattern],
    EXPECTED_DIRECTION[e.pattern] ?? "-",
    String(e.detections),
    countBehind(e.resolved),
    interval === null ? "–" : `${percent(e.successRate)} [${percent(interval[0])}, ${percent(interval[1])}]`,
    countBehind(h.returns.n),
    `${signed(h.returns.mean)} vs ${signed(h.baseline.mean)}`,
    liftCell(e, effects),
    h.ks === null ? "–" : h.ks.p.toFixed(3),
  ];
}

/**
 * An aligned table of the evidence per code, then what it covers and the baseline. `effects`: how far each
 * lift's returns overlap in time (LiftDependence over the same series), which widens its interval.
 *
 * @example
 * evidenceTable(evidenceOf(series), { series: 1, bars: 5105, asOf: undefined }, dependence.designEffects())
 */
export function evidenceTable(
  evidence: readonly Evidence[],
  covered: { series: number; bars: number; asOf: string | undefined },
  effects: DesignEffects,
): string {
  const header = [
    "code",
    "name",
    "claims",
    "n",
    "resolved",
    "success [95% interval]",
    "n10",
    "mean r10 vs baseline",
    "lift10 [95% interval]",
    "KS p10",
  ];
  const rows = evidence.map((e) => row(e, effects));
  const numeric = new Set([3, 4, 6, 9]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  const baseline = evidence[0]?.horizons[HORIZON].baseline;
  // As of a time, the bars read include later ones that are not counted: said, so that the file's count is
  // not read as the sample's (5105 bars read as of 2000-06-01 count 105).
  const when =
    covered.asOf === undefined
      ? `${counted(covered.bars, "bar")}, at the end of the data`
      : `${counted(covered.bars, "bar")} read, counted as of ${covered.asOf} (the bars after it are not counted)`;
  const footer: string[] = [
    `${covered.series} series, ${when}. Success: the target reached after a breakout in the claimed direction (any, for codes that claim none).`,
    `n10: the detections with a 10-bar return, over which mean r10 and lift10 are counted. Fewer than ${MIN_SAMPLE} resolved or n10 are too few to mean anything.`,
    baseline
      ? `Baseline r10 (every bar): n ${baseline.n}, mean ${signed(baseline.mean)}, up ${percent(baseline.upShare)}. Lift: share of r10 in the claimed direction minus the baseline's, in points; its interval reaching 0 is no edge. ${OVERLAP}`
      : "",
  ];
  // Said only where a lift's interval is widened, or lacks one for this reason: the cell has room for a word.
  const intervals = evidence.map((e) => liftIntervalOf(e, effects));
  if (intervals.some((interval) => interval?.bounds && interval.widened)) footer.push(`Widened: ${WIDENED}.`);
  const unchanged = intervals.some(
    (interval) => interval?.bounds === null && interval.reason === "unchangedCloses",
  );
  if (unchanged) footer.push(`No interval: ${UNCHANGED_CLOSES}.`);
  return [line(header), ...rows.map(line), "", ...footer, ""].join("\n");
}
