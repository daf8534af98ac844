// The bars after a detection that the stream no longer holds (barsSince reads the held ones). GET
// /alerts/{alertId} sends only the bars the detection was found on (a few before its start through
// detectedAt); every later detection of the same series is stored with its own bars, so older bars since
// then are read from those (GET /patterns?symbol&from&to), newest first.
import { BARS_AFTER_DECISION, DETECTION_BARS_REACH } from "@stock-patterns/core/vocabulary";
import { callApi, type RequestContext } from "../api/client";
import type { Alert, Bar, Detection, Outcome, Page } from "../api/types";
import { barRows } from "../chart/barRows";
import { chartTime } from "../chart/chartData";
import type { BarGap } from "./barGaps";

/**
 * Later detections read beyond the deciding bar, in bars: the deciding bar and the BARS_AFTER_DECISION after
 * it are held only by detections known at one of them or within DETECTION_BARS_REACH bars after it.
 */
const HOLDERS_REACH = BARS_AFTER_DECISION + DETECTION_BARS_REACH;
/**
 * Those bars are turned into time by the detection's own bars' mean spacing, and the bars after the decision
 * may cross more closed days (holidays; for intraday bars nights and a weekend more) than its own bars did:
 * twice the time is read. The later detections read are then those known within about 160 bars of this one
 * (the outcome is decided within 70), at most 43 on the bundled S&P 500 series: one page.
 */
const SPACING_MARGIN = 2;
const PAGE_SIZE = 100;
/** Newest-first pages read at most: an open outcome needs the first, a resolved one about 160 bars' worth. */
const MAX_PAGES = 3;

interface StoredDetection {
  detectedAt: string;
  interval: string;
  bars?: unknown[];
}

/** The typical time between two bars of a series, in ms (the mean over the given bars). */
function barSpacingMs(bars: readonly Bar[]): number | undefined {
  const first = bars[0];
  const last = bars.at(-1);
  if (bars.length < 2 || first === undefined || last === undefined) return undefined;
  return ((chartTime(last.time) - chartTime(first.time)) * 1000) / (bars.length - 1);
}

/**
 * Bars in time order through an outcome's deciding bar and BARS_AFTER_DECISION more (all of them while it
 * is open). When the deciding bar is not among them, only the bars before it: the ones after a gap could
 * not be counted from it; nor are the bars after it counted across a stretch no source holds (`gaps`).
 * @example throughDecision(bars, { ...outcome, resolvedAt: null }).length === bars.length
 */
export function throughDecision(
  bars: readonly Bar[],
  outcome: Pick<Outcome, "resolvedAt">,
  gaps: readonly BarGap[] = [],
): Bar[] {
  if (outcome.resolvedAt === null) return [...bars];
  const decidedAt = chartTime(outcome.resolvedAt);
  const decided = bars.findIndex((bar) => chartTime(bar.time) >= decidedAt);
  const first = bars[decided];
  if (first === undefined) return [...bars];
  if (chartTime(first.time) !== decidedAt) return bars.slice(0, decided);
  const afterGap = new Set(gaps.map((gap) => chartTime(gap.before)));
  let end = decided + 1;
  while (
    end <= decided + BARS_AFTER_DECISION &&
    end < bars.length &&
    !afterGap.has(chartTime((bars[end] as Bar).time))
  )
    end++;
  return bars.slice(0, end);
}

/**
 * How the reading of later detections fell short of every one that may hold a bar asked for: what the
 * console does not know, so that no sentence claims that no stored detection holds a bar.
 */
export interface ReadCut {
  /** How many later detections were read, when the page cap stopped the reading (a cursor was left). */
  read?: number;
  /** The oldest one read's detectedAt then: the ones stored between the detection and it were not read. */
  readFrom?: string;
  /**
   * The time bound, when fewer than HOLDERS_REACH bars read lie between the deciding bar and it: a detection
   * known later, not read, may hold a bar asked for. A date when the bars are a day or more apart.
   */
  to?: string;
}

/** The bars later stored detections hold after a detection, and each one's own bars (where they came from). */
export interface LaterBars {
  /** After detectedAt, one per time, in time order, through the deciding bar and a few more (or the newest). */
  bars: Bar[];
  /** Each later detection's bars of the same interval, whole: neighbouring bars of the series. */
  sources: Bar[][];
  /** Where the reading stopped short (absent when it read every later detection that may hold a bar asked for). */
  cut?: ReadCut;
}

const DAY_MS = 86_400_000;

/**
 * Whether a detection known after `to` may still hold a bar through BARS_AFTER_DECISION past the deciding
 * one: it holds at most DETECTION_BARS_REACH bars before its detectedAt, so none of them when HOLDERS_REACH
 * bars known (each a real bar of the series) lie after the deciding bar up to `to`.
 */
function boundMayCut(known: readonly (readonly Bar[])[], decidedAt: number, to: string): boolean {
  const end = chartTime(to);
  const between = new Set<number>();
  for (const bars of known)
    for (const bar of bars) {
      const time = chartTime(bar.time);
      if (time > decidedAt && time <= end) between.add(time);
    }
  return between.size < HOLDERS_REACH;
}

/**
 * The bars after `detectedAt` through the deciding bar and a few more (or through the newest stored bar
 * while the outcome is open), one per time, in time order; empty when no later detection holds any.
 * `streamBars` (the stream's, also real bars of the series) count with those read toward `to`'s reach.
 * @example (await laterBars(context, alert, detection, outcome, ownBars)).bars.length // 34
 */
export async function laterBars(
  context: RequestContext,
  alert: Pick<Alert, "symbol" | "interval">,
  detection: Pick<Detection, "detectedAt">,
  outcome: Outcome,
  ownBars: readonly Bar[],
  streamBars: readonly Bar[] = [],
): Promise<LaterBars> {
  const spacing = barSpacingMs(ownBars);
  const resolvedAt = outcome.resolvedAt === null ? undefined : chartTime(outcome.resolvedAt) * 1000;
  const to =
    resolvedAt !== undefined && spacing !== undefined
      ? new Date(resolvedAt + SPACING_MARGIN * HOLDERS_REACH * spacing).toISOString()
      : undefined;
  const after = chartTime(detection.detectedAt);
  const byTime = new Map<number, Bar>();
  const sources: Bar[][] = [];
  let cursor: string | undefined;
  let read = 0;
  let readFrom: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await callApi<Page<StoredDetection>>("GET", "/patterns", context, {
      query: { symbol: alert.symbol, from: detection.detectedAt, to, limit: PAGE_SIZE, cursor },
    });
    read += answer.items.length;
    readFrom = answer.items.at(-1)?.detectedAt ?? readFrom;
    for (const item of answer.items) {
      if (item.interval !== alert.interval) continue;
      const bars = barRows(item.bars);
      sources.push(bars);
      for (const bar of bars) {
        const time = chartTime(bar.time);
        if (time > after) byTime.set(time, bar);
      }
    }
    cursor = answer.cursor ?? undefined;
    if (!cursor) break;
  }
  // Counted without the gaps (a bar across one may be kept): barsSince, with the stream's bars too, counts again.
  const bars = throughDecision(
    [...byTime].sort(([a], [b]) => a - b).map(([, bar]) => bar),
    outcome,
  );
  const cut: ReadCut = {};
  if (cursor) Object.assign(cut, { read, readFrom });
  if (
    to !== undefined &&
    resolvedAt !== undefined &&
    boundMayCut([...sources, streamBars], resolvedAt / 1000, to)
  )
    cut.to = spacing !== undefined && spacing >= DAY_MS ? to.slice(0, 10) : to;
  return Object.keys(cut).length > 0 ? { bars, sources, cut } : { bars, sources };
}
