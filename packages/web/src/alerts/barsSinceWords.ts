// The sentence under an alert's chart saying where the bars since the detection came from, and when some
// cannot be drawn, why.
import { BARS_AFTER_DECISION, counted, HELD_BARS } from "@stock-patterns/core/vocabulary";
import type { Bar, Outcome } from "../api/types";
import { chartTime } from "../chart/chartData";
import { formatTime } from "../ui/format";
import type { BarsSinceSource } from "./barsSince";
import type { ReadCut } from "./laterBars";

/**
 * The later detections a claim that none holds a bar is about: every one stored, or, when the reading was
 * cut, those read (the newest, by the page cap; those known by the time bound).
 */
function laterRead(symbol: string, { read, readFrom, to }: ReadCut = {}): string {
  const knownBy = to === undefined ? "" : ` known by ${formatTime(to)}`;
  if (readFrom === undefined) return `later detection stored for ${symbol}${knownBy}`;
  const newest = to === undefined ? `the newest ${read} stored, known` : `the newest ${read}${knownBy},`;
  return `later detection read for ${symbol} (${newest} from ${formatTime(readFrom)} on)`;
}

/** The sentence without the note that an open outcome's chart follows new bars. */
function source({ count, held, heldFrom, complete, cut }: BarsSinceSource, symbol: string): string {
  const since =
    count === 0 ? "The chart ends at the detection" : `${counted(count, "bar")} since the detection`;
  const stored = `later detections stored for ${symbol}`;
  const noneStored = `no ${laterRead(symbol, cut)}`;
  if (complete)
    return count === 0 ? "No bar has come since the detection yet." : `${since}, as the stream holds them.`;
  if (heldFrom === null)
    return count === 0
      ? `${since}: the stream holds no bars of ${symbol}, and ${noneStored} holds any since.`
      : `${since}, from ${stored} (the stream holds no bars of ${symbol}).`;
  const keeps = `the stream keeps the newest ${HELD_BARS} bars of ${symbol}, from ${formatTime(heldFrom)} on`;
  if (held === count)
    return `${since}: ${keeps}, and ${noneStored} holds the bars between the detection and then.`;
  if (held === 0) return `${since}, from ${stored}: ${keeps}.`;
  return `${since}: the newest ${held} as the stream holds them, the older ${count - held} from ${stored} (${keeps}).`;
}

const capitalized = (words: string) => `${words.charAt(0).toUpperCase()}${words.slice(1)}`;

/** Why a bar since the detection is not drawn, when the stream does not hold them all. */
const unheld = (symbol: string, cut?: ReadCut) =>
  `neither the stream nor any ${laterRead(symbol, cut)} holds`;

/** The stretches the chart leaves empty between two drawn bars (none when the stream gave them all). */
function gapWords({ count, held, gaps = [], cut }: BarsSinceSource, symbol: string): string {
  // When every bar drawn is the stream's, the source sentence already says what lies between.
  if (gaps.length === 0 || held === count) return "";
  const between = gaps.map((gap) => `between ${formatTime(gap.after)} and ${formatTime(gap.before)}`);
  const where = gaps.length === 1 ? "there" : "at each";
  return ` ${capitalized(unheld(symbol, cut))} the bars ${between.join(", or ")}: the chart leaves a gap ${where}.`;
}

/**
 * When the chart ends fewer than BARS_AFTER_DECISION bars past the deciding bar and the stream does not hold
 * every bar since the detection: how many it draws and why (the page follows no new bars then).
 */
function shortWords({ complete, short, cut }: BarsSinceSource, symbol: string): string {
  if (complete || short === undefined) return "";
  const drawn = `The chart draws ${short.drawn === 0 ? "none" : short.drawn} of the ${BARS_AFTER_DECISION} bars after the deciding bar`;
  return short.end === "newest"
    ? ` ${drawn}: no bar of ${symbol} after ${formatTime(short.last)} has come on the stream yet.`
    : ` ${drawn}: ${unheld(symbol, cut)} the bar after ${formatTime(short.last)}.`;
}

/** What the page still waits for, when it follows new bars: an open outcome, or the bars after a decision. */
export type Following = "open" | "decided" | undefined;

const FOLLOWS: Record<NonNullable<Following>, string> = {
  open: " The chart follows new bars while the outcome is open.",
  decided: ` The chart follows new bars until ${BARS_AFTER_DECISION} have come after the deciding bar.`,
};

/**
 * Where the chart's bars since the detection came from, and what new bars the page still waits for.
 * @example barsSinceWords({ count: 12, held: 12, heldFrom: "2000-01-03", complete: true }, "SPX")
 * // "12 bars since the detection, as the stream holds them."
 */
export function barsSinceWords(since: BarsSinceSource, symbol: string, following?: Following): string {
  return `${source(since, symbol)}${gapWords(since, symbol)}${shortWords(since, symbol)}${following ? FOLLOWS[following] : ""}`;
}

/**
 * Which lifecycle steps the chart cannot mark because their bar is not among the drawn ones (the list
 * beside the chart still has them), as a sentence; empty when every step's bar is drawn. With `symbol`
 * (the stream does not hold every bar since the detection), it says why: no source holds those bars (no
 * source read, with the `cut` of the reading of later detections).
 * @example unmarkedSteps(outcome, bars) // "The deciding bar (2000-10-06) is not among the bars drawn, so it is not marked."
 */
export function unmarkedSteps(
  outcome: Outcome,
  bars: readonly Bar[],
  symbol?: string,
  cut?: ReadCut,
): string {
  const drawn = new Set(bars.map((bar) => chartTime(bar.time)));
  const steps: string[] = [];
  if (outcome.breakout && !drawn.has(chartTime(outcome.breakout.time)))
    steps.push(`the breakout (${formatTime(outcome.breakout.time)})`);
  if (outcome.resolvedAt && !drawn.has(chartTime(outcome.resolvedAt)))
    steps.push(`the deciding bar (${formatTime(outcome.resolvedAt)})`);
  if (steps.length === 0) return "";
  const which = steps.join(" and ");
  const one = steps.length === 1;
  const why = symbol === undefined ? "" : `: ${unheld(symbol, cut)} ${one ? "its bar" : "their bars"}`;
  return `${capitalized(which)} ${one ? "is" : "are"} not among the bars drawn, so ${one ? "it is" : "they are"} not marked${why}.`;
}
