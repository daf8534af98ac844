// The sentence under an alert's chart saying where the bars since the detection came from, and when some
// cannot be drawn, why.
import { BARS_AFTER_DECISION, counted, HELD_BARS } from "@stock-patterns/core/vocabulary";
import type { Alert, Bar, Outcome } from "../api/types";
import { chartTime } from "../chart/chartData";
import { formatBarTime } from "../ui/format";
import type { BarsSinceSource } from "./barsSince";
import type { ReadCut } from "./laterBars";

/** The series a sentence names: its symbol, and its interval, by which its times are written. */
export type SeriesName = Pick<Alert, "symbol" | "interval">;

/**
 * The later detections a claim that none holds a bar is about: every one stored, or, when the reading was
 * cut, those read (the newest, by the page cap; those known by the time bound).
 */
function laterRead({ symbol, interval }: SeriesName, { read, readFrom, to }: ReadCut = {}): string {
  const knownBy = to === undefined ? "" : ` known by ${formatBarTime(to, interval)}`;
  if (readFrom === undefined) return `later detection stored for ${symbol}${knownBy}`;
  const newest = to === undefined ? `the newest ${read} stored, known` : `the newest ${read}${knownBy},`;
  return `later detection read for ${symbol} (${newest} from ${formatBarTime(readFrom, interval)} on)`;
}

/** The sentence without the note that an open outcome's chart follows new bars. */
function source({ count, held, heldFrom, complete, cut }: BarsSinceSource, series: SeriesName): string {
  const { symbol, interval } = series;
  const since =
    count === 0 ? "The chart ends at the detection" : `${counted(count, "bar")} since the detection`;
  const stored = `later detections stored for ${symbol}`;
  const noneStored = `no ${laterRead(series, cut)}`;
  if (complete)
    return count === 0 ? "No bar has come since the detection yet." : `${since}, as the stream holds them.`;
  if (heldFrom === null)
    return count === 0
      ? `${since}: the stream holds no bars of ${symbol}, and ${noneStored} holds any since.`
      : `${since}, from ${stored} (the stream holds no bars of ${symbol}).`;
  const keeps = `the stream keeps the newest ${HELD_BARS} bars of ${symbol}, from ${formatBarTime(heldFrom, interval)} on`;
  if (held === count)
    return `${since}: ${keeps}, and ${noneStored} holds the bars between the detection and then.`;
  if (held === 0) return `${since}, from ${stored}: ${keeps}.`;
  return `${since}: the newest ${held} as the stream holds them, the older ${count - held} from ${stored} (${keeps}).`;
}

const capitalized = (words: string) => `${words.charAt(0).toUpperCase()}${words.slice(1)}`;

/** Why a bar since the detection is not drawn, when the stream does not hold them all. */
const unheld = (series: SeriesName, cut?: ReadCut) =>
  `neither the stream nor any ${laterRead(series, cut)} holds`;

/** The stretches the chart leaves empty between two drawn bars (none when the stream gave them all). */
function gapWords({ count, held, gaps = [], cut }: BarsSinceSource, series: SeriesName): string {
  // When every bar drawn is the stream's, the source sentence already says what lies between.
  if (gaps.length === 0 || held === count) return "";
  const between = gaps.map(
    (gap) =>
      `between ${formatBarTime(gap.after, series.interval)} and ${formatBarTime(gap.before, series.interval)}`,
  );
  const where = gaps.length === 1 ? "there" : "at each";
  return ` ${capitalized(unheld(series, cut))} the bars ${between.join(", or ")}: the chart leaves a gap ${where}.`;
}

/**
 * When the chart ends fewer than BARS_AFTER_DECISION bars past the deciding bar and the stream does not hold
 * every bar since the detection: how many it draws and why (the page follows no new bars then).
 */
function shortWords({ complete, short, cut }: BarsSinceSource, series: SeriesName): string {
  if (complete || short === undefined) return "";
  const last = formatBarTime(short.last, series.interval);
  const drawn = `The chart draws ${short.drawn === 0 ? "none" : short.drawn} of the ${BARS_AFTER_DECISION} bars after the deciding bar`;
  return short.end === "newest"
    ? ` ${drawn}: no bar of ${series.symbol} after ${last} has come on the stream yet.`
    : ` ${drawn}: ${unheld(series, cut)} the bar after ${last}.`;
}

/** What the page still waits for, when it follows new bars: an open outcome, or the bars after a decision. */
export type Following = "open" | "decided" | undefined;

const FOLLOWS: Record<NonNullable<Following>, string> = {
  open: " The chart follows new bars while the outcome is open.",
  decided: ` The chart follows new bars until ${BARS_AFTER_DECISION} have come after the deciding bar.`,
};

/**
 * Where the chart's bars since the detection came from, and what new bars the page still waits for.
 * @example barsSinceWords({ count: 12, held: 12, heldFrom: "2000-01-03", complete: true }, { symbol: "SPX", interval: "1d" })
 * // "12 bars since the detection, as the stream holds them."
 */
export function barsSinceWords(since: BarsSinceSource, series: SeriesName, following?: Following): string {
  return `${source(since, series)}${gapWords(since, series)}${shortWords(since, series)}${following ? FOLLOWS[following] : ""}`;
}

/**
 * Which lifecycle steps the chart cannot mark because their bar is not among the drawn ones (the list
 * beside the chart still has them), as a sentence; empty when every step's bar is drawn. With `unheld`
 * (the stream does not hold every bar since the detection), it says why: no source holds those bars (no
 * source read, with the `cut` of the reading of later detections).
 * @example unmarkedSteps(outcome, bars, { symbol: "SPX", interval: "1d" }) // "The deciding bar (2000-10-06) is not among the bars drawn, so it is not marked."
 */
export function unmarkedSteps(
  outcome: Outcome,
  bars: readonly Bar[],
  series: SeriesName,
  unheldBars?: { cut?: ReadCut },
): string {
  const drawn = new Set(bars.map((bar) => chartTime(bar.time)));
  const steps: string[] = [];
  if (outcome.breakout && !drawn.has(chartTime(outcome.breakout.time)))
    steps.push(`the breakout (${formatBarTime(outcome.breakout.time, series.interval)})`);
  if (outcome.resolvedAt && !drawn.has(chartTime(outcome.resolvedAt)))
    steps.push(`the deciding bar (${formatBarTime(outcome.resolvedAt, series.interval)})`);
  if (steps.length === 0) return "";
  const which = steps.join(" and ");
  const one = steps.length === 1;
  const why =
    unheldBars === undefined ? "" : `: ${unheld(series, unheldBars.cut)} ${one ? "its bar" : "their bars"}`;
  return `${capitalized(which)} ${one ? "is" : "are"} not among the bars drawn, so ${one ? "it is" : "they are"} not marked${why}.`;
}
