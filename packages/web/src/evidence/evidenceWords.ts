// Evidence (PATTERNS.md "Evidence") in plain words: how often this pattern reached its target before, what
// the price did over the next 10 bars against an ordinary bar, and whether that is an edge at all.
import {
  ASSUMES_INDEPENDENT,
  EXPECTED_DIRECTION,
  liftInterval,
  MIN_SAMPLE,
  PATTERN_NAMES,
  UNCHANGED_CLOSES,
  WIDENED,
} from "@stock-patterns/core/vocabulary";
import type { Direction, EvidenceFigures, PatternCode, WholeHorizonFigures } from "../api/types";
import { formatCount, formatPercent, formatPoints, formatReturn } from "../ui/format";

/** The horizon the console judges an edge at: two weeks of daily bars, the middle of PATTERNS.md's four. */
export const EDGE_HORIZON = "10";

/**
 * What the evidence says about an edge: only `edge` is one; `maybeEdge` is an interval above zero over
 * several symbols, too narrow to call one; every other kind reads "no edge".
 */
export type EdgeKind = "edge" | "maybeEdge" | "against" | "noEdge" | "tooFew" | "noClaim" | "noInterval";

export interface EdgeVerdict {
  kind: EdgeKind;
  /** The lift's 95% interval (share points as fractions), when it could be computed. */
  interval?: [number, number];
  /** One or two sentences for the card and the Statistics page. */
  words: string;
}

/**
 * The pattern's name for a count of them: "1 double top", "3 double tops", "2 head-and-shoulders".
 * @example patternsCalled("DTOP", 3) // "double tops"
 */
export function patternsCalled(code: PatternCode, count: number): string {
  const name = PATTERN_NAMES[code];
  return count === 1 || name.endsWith("shoulders") ? name : `${name}s`;
}

/**
 * "11 of 41 past head-and-shoulders on SPX broke out down, the pattern's direction, and reached their target:
 * 27%, likely between 16% and 42%."
 * `where` says whose history it is ("on SPX", "on all symbols").
 */
export function successWords(evidence: EvidenceFigures, where: string): string {
  const { pattern, resolved, succeeded, successRate, successInterval, detections } = evidence;
  if (resolved === 0 || successRate === null) {
    return detections === 0
      ? `No earlier ${patternsCalled(pattern, 2)} ${where}: no success rate yet.`
      : `None of the ${formatCount(detections)} ${patternsCalled(pattern, detections)} ${where} so far has resolved: no success rate yet.`;
  }
  // A directional code succeeds only by its target after a breakout its way (PATTERNS.md "Outcomes").
  const direction = EXPECTED_DIRECTION[pattern];
  // Said outright: the chart's target bar counts targets either way, this sentence only the claimed one.
  const way = direction ? `broke out ${direction}, the pattern's direction, and ` : "";
  const reached = `${way}${resolved === 1 ? "reached its target" : "reached their target"}`;
  const likely = successInterval
    ? `, likely between ${formatPercent(successInterval[0])} and ${formatPercent(successInterval[1])}`
    : "";
  const tooFew = resolved < MIN_SAMPLE ? ` Too few (${formatCount(resolved)}) to mean anything yet.` : "";
  return `${formatCount(succeeded)} of ${formatCount(resolved)} past ${patternsCalled(pattern, resolved)} ${where} ${reached}: ${formatPercent(successRate)}${likely}.${tooFew}`;
}

/** "Over the next 10 bars: +0.51% on average after the pattern (79), against +0.19% after any bar (5,095)." */
export function returnWords(evidence: EvidenceFigures): string {
  const horizon = evidence.horizons[EDGE_HORIZON];
  if (horizon === undefined || horizon.returns.n === 0 || horizon.returns.mean === null) {
    return `Over the next ${EDGE_HORIZON} bars: no return known yet after this pattern.`;
  }
  const { returns, baseline } = horizon;
  const base =
    baseline.mean === null
      ? ""
      : `, against ${formatReturn(baseline.mean)} after any bar (${formatCount(baseline.n)})`;
  return `Over the next ${EDGE_HORIZON} bars: ${formatReturn(horizon.returns.mean)} on average after the pattern (${formatCount(returns.n)})${base}.`;
}

/**
 * The 10-bar horizon when the evidence is the whole one (medians and KS, from POST /patterns or the CLI);
 * undefined for the stream's running evidence, which has neither.
 * @example wholeHorizon(alert.evidence)?.ks?.D // 0.31
 */
export function wholeHorizon(evidence: EvidenceFigures): WholeHorizonFigures | undefined {
  const horizon = evidence.horizons[EDGE_HORIZON];
  return horizon && "ks" in horizon && "median" in horizon.returns ? horizon : undefined;
}

/** Which evidence it is, in words: what the whole one adds, what the running one leaves out. */
export function evidenceKindWords(evidence: EvidenceFigures): { kind: "whole" | "running"; words: string } {
  return wholeHorizon(evidence)
    ? {
        kind: "whole",
        words:
          "The whole evidence, counted from the series' bars when the alert was raised: medians and a Kolmogorov–Smirnov test included.",
      }
    : {
        kind: "running",
        words:
          "The running evidence the market-data stream keeps: counts, shares and means only, so no medians and no Kolmogorov–Smirnov test (the stream keeps no single returns to take them from).",
      };
}

/**
 * The whole evidence's medians and Kolmogorov–Smirnov test at 10 bars: "Median over the next 10 bars: −0.80%
 * after the pattern, against +0.10% after any bar. Kolmogorov–Smirnov D = 0.31, p = 0.62 (…)."
 */
export function distributionWords(horizon: WholeHorizonFigures): string {
  const { returns, baseline, ks } = horizon;
  const lead = `Median over the next ${EDGE_HORIZON} bars:`;
  if (returns.median === null || baseline.median === null || ks === null) {
    return `${lead} no return known yet after this pattern, so no Kolmogorov–Smirnov test either.`;
  }
  const p = ks.p < 0.01 ? "p < 0.01" : `p = ${ks.p.toFixed(2)}`;
  const tooFew =
    returns.n < MIN_SAMPLE
      ? `, over only ${formatCount(returns.n)} ${returns.n === 1 ? "return" : "returns"}: too few to mean anything yet`
      : "";
  return `${lead} ${formatReturn(returns.median)} after the pattern, against ${formatReturn(baseline.median)} after any bar. Kolmogorov–Smirnov D = ${ks.D.toFixed(2)}, ${p} (how likely a gap this wide would be if the pattern's returns were like any bar's)${tooFew}.`;
}

function claimWords(direction: Direction): string {
  return direction === "up" ? "rose" : "fell";
}

/**
 * Is there an edge? Only when the code claims a direction, at least MIN_SAMPLE 10-bar returns are
 * known, and the lift's 95% interval lies wholly above zero. `symbols`: how many the evidence pools; over
 * more than one the interval assumes independent returns and is too narrow (stocks move together on a
 * date), so above zero it is only a possible edge, and every verdict that quotes the interval says why.
 * docs/console.md states the rule.
 * @example edgeVerdict(evidence, answer.symbol === null ? answer.series : 1).kind // "maybeEdge"
 */
export function edgeVerdict(evidence: EvidenceFigures, symbols = 1): EdgeVerdict {
  const direction = EXPECTED_DIRECTION[evidence.pattern];
  const horizon = evidence.horizons[EDGE_HORIZON];
  const n = horizon?.returns.n ?? 0;
  if (horizon === undefined || n < MIN_SAMPLE) {
    return {
      kind: "tooFew",
      words: `No edge: only ${formatCount(n)} ${n === 1 ? "return" : "returns"} over ${EDGE_HORIZON} bars known, fewer than ${MIN_SAMPLE}.`,
    };
  }
  if (!direction) {
    return {
      kind: "noClaim",
      words: `No edge to measure: a ${PATTERN_NAMES[evidence.pattern]} claims no direction, so its target counts either way.`,
    };
  }
  const measuredLift = liftInterval(horizon, direction);
  const lift = horizon.lift;
  if (
    lift === null ||
    lift === undefined ||
    (measuredLift.bounds === null && measuredLift.reason === "noReturns")
  ) {
    return { kind: "tooFew", words: "No edge: the lift cannot be measured yet." };
  }
  const interval = measuredLift.bounds;
  if (interval === null) {
    return {
      kind: "noInterval",
      words: `No edge can be judged: lift ${formatPoints(lift)}, but its interval is unknown: ${UNCHANGED_CLOSES}.`,
    };
  }
  const widened = measuredLift.widened ? `; widened: ${WIDENED}` : "";
  const measured = `lift ${formatPoints(lift)}, likely between ${formatPoints(interval[0])} and ${formatPoints(interval[1])}${widened}`;
  const claim = `the price ${claimWords(direction)} over ${EDGE_HORIZON} bars`;
  // Over several symbols the interval each verdict below quotes is too narrow, and its words say so; within
  // chance stays "No edge" (a wider interval reaches zero too), the reason added all the same.
  const tooNarrow =
    symbols > 1
      ? `, but over ${formatCount(symbols)} symbols that interval is too narrow: it ${ASSUMES_INDEPENDENT}`
      : "";
  if (interval[0] > 0 && symbols > 1) {
    return {
      kind: "maybeEdge",
      interval,
      words: `May be an edge: after this pattern ${claim} more often than after any bar (${measured})${tooNarrow}.`,
    };
  }
  if (interval[0] > 0) {
    return {
      kind: "edge",
      interval,
      words: `Edge: after this pattern ${claim} more often than after any bar (${measured}).`,
    };
  }
  if (interval[1] < 0) {
    return {
      kind: "against",
      interval,
      words: `No edge: after this pattern ${claim} less often than after any bar, against its claim (${measured})${tooNarrow}.`,
    };
  }
  return {
    kind: "noEdge",
    interval,
    words: `No edge: how often ${claim} after this pattern is within chance of any bar (${measured})${tooNarrow}.`,
  };
}
