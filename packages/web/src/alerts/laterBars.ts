// The bars after a detection that the stream no longer holds (barsSince reads the held ones). GET
// /alerts/{alertId} sends only the bars the detection was found on (a few before its start through
// detectedAt); every later detection of the same series is stored with its own bars, so older bars since
// then are read from those (GET /patterns?symbol&from&to), newest first.
import { BARS_AFTER_DECISION, DETECTION_BARS_REACH } from "@stock-patterns/core/vocabulary";
import { callApi, type RequestContext } from "../api/client";
import type { Alert, Bar, Detection, Outcome, Page } from "../api/types";
import { barRows } from "../chart/barRows";
import { chartTime } from "../chart/chartData";

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
 * not be counted from it.
 * @example throughDecision(bars, { ...outcome, resolvedAt: null }).length === bars.length
 */
export function throughDecision(bars: readonly Bar[], outcome: Pick<Outcome, "resolvedAt">): Bar[] {
  if (outcome.resolvedAt === null) return [...bars];
  const decidedAt = chartTime(outcome.resolvedAt);
  const decided = bars.findIndex((bar) => chartTime(bar.time) >= decidedAt);
  const first = bars[decided];
  if (first === undefined) return [...bars];
  return bars.slice(0, chartTime(first.time) === decidedAt ? decided + 1 + BARS_AFTER_DECISION : decided);
}

/** The bars later stored detections hold after a detection, and each one's own bars (where they came from). */
export interface LaterBars {
  /** After detectedAt, one per time, in time order, through the deciding bar and a few more (or the newest). */
  bars: Bar[];
  /** Each later detection's bars of the same interval, whole: neighbouring bars of the series. */
  sources: Bar[][];
}

/**
 * The bars after `detectedAt` through the deciding bar and a few more (or through the newest stored bar
 * while the outcome is open), one per time, in time order; empty when no later detection holds any.
 * @example (await laterBars(context, alert, detection, outcome, ownBars)).bars.length // 34
 */
export async function laterBars(
  context: RequestContext,
  alert: Pick<Alert, "symbol" | "interval">,
  detection: Pick<Detection, "detectedAt">,
  outcome: Outcome,
  ownBars: readonly Bar[],
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
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await callApi<Page<StoredDetection>>("GET", "/patterns", context, {
      query: { symbol: alert.symbol, from: detection.detectedAt, to, limit: PAGE_SIZE, cursor },
    });
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
  const bars = throughDecision(
    [...byTime].sort(([a], [b]) => a - b).map(([, bar]) => bar),
    outcome,
  );
  return { bars, sources };
}
