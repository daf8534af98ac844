// The bars after a detection, for its chart. The stream holds each series' newest bars (GET /bars): every
// bar since an open detection and a few past a fresh decision. For an older detection, the bars the stream
// no longer holds are read from the later detections stored with their own bars (laterBars).
import type { HeldBars } from "@stock-patterns/core/contracts";
import { BARS_AFTER_DECISION } from "@stock-patterns/core/vocabulary";
import { ApiError, callApi, type RequestContext } from "../api/client";
import type { Alert, Bar, Detection, Outcome } from "../api/types";
import { chartTime } from "../chart/chartData";
import { type BarGap, unheldGaps } from "./barGaps";
import { laterBars, type ReadCut, throughDecision } from "./laterBars";

/** Where the bars since a detection came from, for the words under the chart. */
export interface BarsSinceSource {
  /** How many bars since the detection the chart draws. */
  count: number;
  /** How many of them the stream holds (the newest); the older rest came from later stored detections. */
  held: number;
  /** The oldest bar the stream holds for the series, or null when it holds none. */
  heldFrom: string | null;
  /** The stream holds the series from detectedAt on, so no bar since the detection can be missing. */
  complete: boolean;
  /** Where bars no source holds lie between two drawn ones, the detection's last bar first (none when absent). */
  gaps?: BarGap[];
  /** How the reading of later stored detections fell short, so the words claim only what was read. */
  cut?: ReadCut;
  /**
   * When the chart ends fewer than BARS_AFTER_DECISION bars past the drawn deciding bar: how many it draws,
   * its last bar's time, and whether that is the newest the stream holds (none newer has come) or no source
   * holds the next.
   */
  short?: { drawn: number; last: string; end: "newest" | "unheld" };
}

/** The bars since a detection and where they came from. */
export interface BarsSince extends BarsSinceSource {
  /** After detectedAt, in time order, one per time; through the deciding bar and a few more. */
  bars: Bar[];
}

type Series = Pick<Alert, "symbol" | "interval">;

/** The bars the stream holds for a series from `from` on, or undefined when it holds none (404). */
async function heldBars(
  context: RequestContext,
  series: Series,
  from: string,
): Promise<HeldBars | undefined> {
  try {
    return await callApi<HeldBars>("GET", "/bars", context, {
      query: { symbol: series.symbol, interval: series.interval, from },
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** How the chart falls short of the deciding bar and BARS_AFTER_DECISION more, if it does (see `short`). */
function shortOfDecision(
  bars: readonly Bar[],
  outcome: Outcome,
  streamBars: readonly Bar[],
): BarsSinceSource["short"] {
  if (outcome.resolvedAt === null) return undefined;
  const decidedAt = chartTime(outcome.resolvedAt);
  const decided = bars.findIndex((bar) => chartTime(bar.time) === decidedAt);
  const last = bars.at(-1);
  if (decided === -1 || last === undefined) return undefined;
  const drawn = bars.length - 1 - decided;
  if (drawn >= BARS_AFTER_DECISION) return undefined;
  const newest = streamBars.at(-1);
  const end = newest !== undefined && chartTime(newest.time) === chartTime(last.time) ? "newest" : "unheld";
  return { drawn, last: last.time, end };
}

/**
 * The bars after `detectedAt` through the newest one (an open outcome) or a few past the deciding bar: from
 * the stream when it still holds them all, else the older ones from later stored detections.
 * @example (await barsSince(context, alert, detection, outcome, bars)).complete // true for an open outcome
 */
export async function barsSince(
  context: RequestContext,
  series: Series,
  detection: Pick<Detection, "detectedAt">,
  outcome: Outcome,
  ownBars: readonly Bar[],
): Promise<BarsSince> {
  const after = chartTime(detection.detectedAt);
  const answer = await heldBars(context, series, detection.detectedAt);
  const held = (answer?.bars ?? []).filter((bar) => chartTime(bar.time) > after);
  const heldFrom = answer?.heldFrom ?? null;
  const complete = heldFrom !== null && chartTime(heldFrom) <= after;
  if (complete) {
    const bars = throughDecision(held, outcome);
    return { bars, count: bars.length, held: bars.length, heldFrom, complete };
  }
  const firstHeld = held[0] === undefined ? Number.POSITIVE_INFINITY : chartTime(held[0].time);
  const stored = await laterBars(context, series, detection, outcome, ownBars, answer?.bars);
  const older = stored.bars.filter((bar) => chartTime(bar.time) < firstHeld);
  const joined = [...older, ...held];
  const last = ownBars.at(-1);
  const sources = [...stored.sources, answer?.bars ?? []];
  const joinedGaps = unheldGaps(last ? [last, ...joined] : joined, ownBars, sources);
  const bars = throughDecision(joined, outcome, joinedGaps);
  const gaps = unheldGaps(last ? [last, ...bars] : bars, ownBars, sources);
  const short = shortOfDecision(bars, outcome, answer?.bars ?? []);
  return {
    bars,
    count: bars.length,
    held: Math.max(0, bars.length - older.length),
    heldFrom,
    complete,
    gaps,
    ...(stored.cut && { cut: stored.cut }),
    ...(short && { short }),
  };
}
