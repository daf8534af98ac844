// One symbol's new bars from a stream batch: extend its stored window, detect, follow outcomes, store,
// alert, save the window with the detector's open outcomes.

import type { Bar, RunningEvidence } from "@stock-patterns/core";
import { type AlertSummary, type KnownAlerts, raiseDetectionAlerts, tellLifecycle } from "#alerts";
import { grade, type KnownPatterns, recordOutcomes, savePatterns, summarize } from "#analysis";
import { saveSeriesSnapshot, snapshotDue } from "#evidence";
import { logger, recordDetectionRuns } from "#observability";
import type { SetAsideBar } from "./arrivals";
import { earlierBars } from "./held-bars";
import { storedAs } from "./outcome-moves";
import { type PreparedBars, prepareBars } from "./prepare-bars";
import { loadWindow, type SymbolWindow, saveWindow, WindowConflictError } from "./repository";

/** What applying a symbol's bars did. */
export interface ApplyResult {
  applied: number;
  duplicates: number;
  /** Bars resent at an instant already applied with other values: not applied, for the caller to set aside. */
  conflicts: SetAsideBar[];
  /** Bars that came after a newer bar of their series was applied: not applied, for the caller to set aside. */
  late: SetAsideBar[];
  detections: number;
  alerts: number;
  /** Stored detections whose outcome this call moved. */
  outcomes: number;
  /** Lifecycle messages sent (breakouts and resolutions of published or approved alerts). */
  lifecycle: number;
}

/** What a stream batch read for all its symbols in one call (apply-batch). */
interface BatchReads {
  /** The alerts the prepared bars read (alertsToRead). */
  alerts?: KnownAlerts;
  /** Their new detections under the ids releases before instant ids gave them (earlierPatternsToRead). */
  patterns?: KnownPatterns;
}

/**
 * What the caller read already, for the first attempt: the window (read with the batch's other symbols),
 * and optionally the bars prepared on it and what they read (one call for the batch).
 */
export interface ReadBefore extends BatchReads {
  window: SymbolWindow;
  prepared?: PreparedBars;
}

/**
 * Keeps the bars that cannot be applied (late, then conflicting) where they can be found again (the
 * KinesisConsumer: RejectedMarketData); throws when it cannot, so the bars are applied again later.
 */
export type SetAside = (cannot: Pick<PreparedBars, "late" | "conflicts">) => Promise<void>;

const ATTEMPTS = 3;

/**
 * Stores what prepared bars found and saves the window; throws WindowConflictError if it moved meanwhile.
 * The bars that cannot be applied are set aside before the window is saved: once it is, their retry may
 * no longer tell them from replays (a batch that brings more new bars than the window holds leaves a late
 * bar older than every bar held, which is taken for one applied long ago), so they are never left unsaid.
 */
async function store(
  prepared: PreparedBars,
  read: BatchReads = {},
  setAside?: SetAside,
): Promise<ApplyResult> {
  const { symbol, interval, window, fresh, detections, state } = prepared;
  const { unknown } = prepared.moves;
  if (unknown.length > 0)
    logger.warn("Outcomes of detections with no stored id", { symbol, interval, keys: unknown });
  // The held bars before the detector's window too: a detection's lead bars (LEAD_BARS before its start)
  // may be older than the window, when its start is one of the window's first bars.
  const series = [...(window.earlierBars ?? []), ...window.bars, ...fresh];
  // One a release before instant ids stored keeps its id there; the moves follow it under that id.
  const { patterns } = await savePatterns(
    symbol,
    interval,
    prepared.moves.detections,
    "stream",
    series,
    new Date(),
    read.patterns,
  );
  const moves = storedAs(prepared.moves, patterns);
  const outcomes = await recordOutcomes(moves.updates);
  const evidence = new Map<string, RunningEvidence>();
  for (const [i, pattern] of patterns.entries()) {
    const found = detections[i];
    if (found === undefined)
      throw new Error(`no detection for saved pattern ${i}: one pattern per detection`);
    evidence.set(pattern.patternId, found.evidence);
  }
  const graded = grade(symbol, patterns.map(summarize)).map((d) => ({
    ...d,
    evidence: evidence.get(d.patternId),
  }));
  const now = new Date();
  const raised = await raiseDetectionAlerts(symbol, interval, graded, now, read.alerts, "stream");
  const lifecycle = await tellLifecycle(symbol, interval, moves.lifecycle, now, unraced(read.alerts, raised));
  // GET /stats as of a past time reads these (the window keeps only the newest tally).
  const last = fresh.at(-1)?.time;
  if (last !== undefined && state.outcomes && snapshotDue(window.bars.at(-1)?.time, last))
    await saveSeriesSnapshot(symbol, interval, last, state.outcomes.evidence);
  await setAside?.(prepared);
  await saveWindow(window, state.bars, {
    earlierBars: earlierBars(window, fresh, state.bars.length),
    outcomes: state.outcomes,
    patternIds: moves.patternIds,
    alertIds: moves.alertIds,
  });
  return {
    applied: fresh.length,
    duplicates: prepared.duplicates,
    conflicts: prepared.conflicts,
    late: prepared.late,
    detections: detections.length,
    alerts: raised.length,
    outcomes,
    lifecycle,
  };
}

/**
 * The alerts read before the batch's writes, less those this call's raise found stored although absent
 * when read: another producer (an analysis of the same detection) raised each meanwhile, and it may have
 * been published, its catch-up reading the outcome before this call wrote it. tellLifecycle reads those
 * again, after the write (none in the common case), as it reads again an alert it read untold.
 */
function unraced(known: KnownAlerts | undefined, raised: readonly AlertSummary[]): KnownAlerts | undefined {
  const meanwhile = raised.filter(({ alertId, created }) => !created && known?.get(alertId) === null);
  if (!known || meanwhile.length === 0) return known;
  const left = new Map(known);
  for (const { alertId } of meanwhile) left.delete(alertId);
  return left;
}

/** Bars this symbol prepared on its own (not with its batch): their detector's time recorded here. */
function recorded(prepared: PreparedBars): PreparedBars {
  recordDetectionRuns(prepared.run ? [prepared.run] : [], "stream");
  return prepared;
}

/**
 * Applies bars (in stream order) to a symbol's window, in time order. A bar at an instant the window
 * holds, or another bar of the batch named first, is a duplicate and changes nothing, or a conflict when
 * its values differ; one older than the window's newest bar at another instant is late where the window
 * would hold it (sortArrivals says when). Conflicting and late bars are not applied, and returned.
 * Detections and alerts have deterministic ids and an outcome is written only over an older one, so a
 * replayed batch changes no stored record. The window (bars, open outcomes, running evidence) is saved
 * under its version; when another writer got there first, the bars are applied again to the newer window
 * (at most 3 attempts), reading its alerts afresh. `before` is what the caller read already (see
 * ReadBefore); it serves the first attempt only. `setAside` is given the late and conflicting bars before
 * the window is saved (see store; again on each attempt); its failure fails the call. Without it they are
 * only returned.
 *
 * @example
 * await applyBars("SPX", "1d", bars); // { applied: 3, duplicates: 0, detections: 1, ... }
 */
export async function applyBars(
  symbol: string,
  interval: string,
  bars: readonly Bar[],
  before?: ReadBefore,
  setAside?: SetAside,
): Promise<ApplyResult> {
  for (let attempt = 1; ; attempt++) {
    const first = attempt === 1 ? before : undefined;
    const window = first?.window ?? (await loadWindow(symbol, interval));
    const prepared = first?.prepared ?? recorded(await prepareBars(symbol, interval, bars, window));
    if (prepared.fresh.length === 0) {
      await setAside?.(prepared);
      return {
        applied: 0,
        duplicates: prepared.duplicates,
        conflicts: prepared.conflicts,
        late: prepared.late,
        detections: 0,
        alerts: 0,
        outcomes: 0,
        lifecycle: 0,
      };
    }
    try {
      return await store(prepared, first, setAside);
    } catch (error) {
      if (error instanceof WindowConflictError && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}
