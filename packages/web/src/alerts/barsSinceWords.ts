// The sentence under an alert's chart saying where the bars since the detection came from, and when some
// cannot be drawn, why.
import { BARS_AFTER_DECISION, HELD_BARS } from "@stock-patterns/core/vocabulary";
import { formatTime } from "../ui/format";
import type { BarsSinceSource } from "./barsSince";

const bars = (count: number) => `${count} ${count === 1 ? "bar" : "bars"}`;

/** The sentence without the note that an open outcome's chart follows new bars. */
function source({ count, held, heldFrom, complete }: BarsSinceSource, symbol: string): string {
  const since = count === 0 ? "The chart ends at the detection" : `${bars(count)} since the detection`;
  const stored = `later detections stored for ${symbol}`;
  const noneStored = `no later detection stored for ${symbol}`;
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
  return `${source(since, symbol)}${following ? FOLLOWS[following] : ""}`;
}
