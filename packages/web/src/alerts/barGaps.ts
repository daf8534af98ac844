// Where the bars drawn since a detection may skip some. They come from several sources (the detection's own
// bars, each later stored detection's, the stream's), each a run of neighbouring bars; where two runs
// neither overlap nor sit one step apart, no source holds the bars between, and the chart must not join them.
import type { Bar } from "../api/types";
import { chartTime } from "../chart/chartData";

/** Two bars drawn side by side with bars between them that no source holds. */
export interface BarGap {
  /** The last bar before the stretch no source holds. */
  after: string;
  /** The first bar after it. */
  before: string;
}

/** The widest step between two neighbouring bars, in seconds (0 under two bars). */
function widestStep(bars: readonly Bar[]): number {
  let widest = 0;
  for (let i = 1; i < bars.length; i++)
    widest = Math.max(widest, chartTime((bars[i] as Bar).time) - chartTime((bars[i - 1] as Bar).time));
  return widest;
}

/**
 * The gaps among `drawn` (in time order, one per time): two neighbours that no one source holds both of
 * (a source holding both holds every bar between them, so none is missing), further apart than the widest
 * step between the detection's own bars (a weekend or a night, which do not hold bars either; two runs
 * that touch are told from a gap by that alone, so a holiday longer than any in the own bars reads as one).
 * @example unheldGaps(bars, own, [stored, held]) // [{ after: "2003-04-15", before: "2003-05-01" }]
 */
export function unheldGaps(
  drawn: readonly Bar[],
  own: readonly Bar[],
  others: readonly (readonly Bar[])[],
): BarGap[] {
  const sources = [own, ...others].map((bars) => new Set(bars.map((bar) => chartTime(bar.time))));
  const step = widestStep(own);
  const gaps: BarGap[] = [];
  for (let i = 1; i < drawn.length; i++) {
    const [after, before] = [drawn[i - 1] as Bar, drawn[i] as Bar];
    const [a, b] = [chartTime(after.time), chartTime(before.time)];
    if (b - a <= step || sources.some((times) => times.has(a) && times.has(b))) continue;
    gaps.push({ after: after.time, before: before.time });
  }
  return gaps;
}
