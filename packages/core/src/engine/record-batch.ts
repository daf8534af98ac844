// A batch scan's detection records, built in batches of windows rather than one window at a time between
// the engine's steps: interleaved, the engine's code and data and the records' code and fresh objects
// kept evicting each other from the core's caches, and the engine ran slower inside scanBars than alone.
// Windows are written down (their bar, codes and extrema) as the engine finds them and their records are
// built in order when the log is full and at the end, the same records in the same order. A scan with
// outcomes decides the outcomes of a batch's windows first, in one run, so each record is made with its own.
// biome-ignore-all lint/style/noNonNullAssertion: log indices stay below the counts written.

import type { PatternCode } from "../types";
import type { IndexedBars } from "./bar-reader";
import { appendDetections, type DetectionSink, type OutcomeOf } from "./detections";
import { smoothingKernel } from "./kernel";
import { DEFAULT_BANDWIDTH } from "./spec";
import { WindowEvaluator, type WindowExtrema } from "./window";

/** Windows per batch, and room for their extrema (at most WINDOW each, about ten on a dense series): small
 * enough to stay in cache. */
const WINDOWS = 1024;
const ENTRIES = 16 * WINDOWS;

/**
 * A scan's outcomes decided ahead: a batch asks for those of the windows it is about to build, in the
 * order their records will be built (`ask`), has them decided in one run (`decideAsked`), then
 * appendDetections takes them back through `outcomeOf` (FollowedOutcomes in outcomes/followed.ts).
 */
export interface OutcomesAhead {
  ask(code: PatternCode, a: number, e: number): void;
  decideAsked(): void;
  readonly outcomeOf: OutcomeOf;
}

/**
 * Builds the records of a scan's windows in batches (see the header). Make one per scan, or reuse one
 * between `begin` and `finish`.
 *
 * @example
 * batch.begin(reader, detections);
 * scanCloses(closes, options, (e, codes, w) => batch.add(e, codes, w));
 * batch.finish();
 */
export class RecordBatch {
  private windows = 0;
  private entries = 0;
  private readonly ends = new Int32Array(WINDOWS);
  private readonly counts = new Int32Array(WINDOWS);
  private readonly codes: (readonly PatternCode[])[] = new Array(WINDOWS).fill(EMPTY_CODES);
  private readonly positions = new Int32Array(ENTRIES);
  private readonly bars = new Int32Array(ENTRIES);
  private readonly prices = new Float64Array(ENTRIES);
  private readonly isMax = new Uint8Array(ENTRIES);
  /**
   * What appendDetections reads a window from while building it: an evaluator used only as a holder, so
   * appendDetections sees one class of window, as it does from the streaming detector and scanColumns.
   */
  private readonly window = new WindowEvaluator(smoothingKernel(DEFAULT_BANDWIDTH), new Set());
  private reader: IndexedBars = NO_BARS;
  private into: DetectionSink = NO_SINK;
  private outcomes: OutcomesAhead | undefined;

  /** Starts a scan: records of `reader`'s bars go to `into`, with their outcomes when `outcomes` is given. */
  begin(reader: IndexedBars, into: DetectionSink, outcomes?: OutcomesAhead): void {
    this.windows = 0;
    this.entries = 0;
    this.reader = reader;
    this.into = into;
    this.outcomes = outcomes;
  }

  /** Writes down the window ending at bar `e` with `codes` and extrema `w` (read now, not kept). */
  add(e: number, codes: readonly PatternCode[], w: WindowExtrema): void {
    // The five-extremum codes read the last five extrema, a double all of them: a window without a double
    // is written from its fifth-last extremum on, as a window of five (a third fewer entries to copy).
    const from = hasDouble(codes) ? 0 : w.count - 5;
    const count = w.count - from;
    if (this.windows === WINDOWS || this.entries + count > ENTRIES) this.build();
    const k = this.windows++;
    this.ends[k] = e;
    this.counts[k] = count;
    this.codes[k] = codes;
    let at = this.entries;
    for (let i = from, end = w.count; i < end; i++, at++) {
      this.positions[at] = w.positions[i]!;
      this.bars[at] = w.bars[i]!;
      this.prices[at] = w.prices[i]!;
      this.isMax[at] = w.isMax[i]!;
    }
    this.entries = at;
  }

  /** Builds the windows still written down. */
  finish(): void {
    this.build();
  }

  /** Lets go of the scan's reader and sink, built or not (a scan that threw leaves windows unbuilt). */
  release(): void {
    this.windows = 0;
    this.entries = 0;
    this.codes.fill(EMPTY_CODES);
    this.reader = NO_BARS;
    this.into = NO_SINK;
    this.outcomes = undefined;
  }

  /** Builds the written windows' records, in the order written, and empties the log. */
  private build(): void {
    const { window, reader, into, outcomes } = this;
    if (outcomes !== undefined) this.decideOutcomes(outcomes);
    let at = 0;
    for (let k = 0; k < this.windows; k++) {
      const count = this.counts[k]!;
      for (let i = 0; i < count; i++, at++) {
        window.positions[i] = this.positions[at]!;
        window.bars[i] = this.bars[at]!;
        window.prices[i] = this.prices[at]!;
        window.isMax[i] = this.isMax[at]!;
      }
      window.count = count;
      if (outcomes === undefined) appendDetections(this.codes[k]!, window, reader, this.ends[k]!, into);
      else appendDetections(this.codes[k]!, window, reader, this.ends[k]!, into, outcomes.outcomeOf);
    }
    this.windows = 0;
    this.entries = 0;
  }

  /**
   * Decides the outcomes of the written windows' detections, in the order build makes them: a code per
   * detection, its start bar by startBar's rule (F's bar for doubles, else E1's) read from the log.
   */
  private decideOutcomes(outcomes: OutcomesAhead): void {
    let at = 0;
    for (let k = 0; k < this.windows; k++) {
      const codes = this.codes[k]!;
      const count = this.counts[k]!;
      const e = this.ends[k]!;
      for (let c = 0; c < codes.length; c++) {
        const code = codes[c]!;
        outcomes.ask(code, this.bars[code === "DTOP" || code === "DBOT" ? at : at + count - 5]!, e);
      }
      at += count;
    }
    outcomes.decideAsked();
  }
}

const EMPTY_CODES: readonly PatternCode[] = Object.freeze([]);

function hasDouble(codes: readonly PatternCode[]): boolean {
  for (let c = 0; c < codes.length; c++) if (codes[c] === "DTOP" || codes[c] === "DBOT") return true;
  return false;
}
const NO_SINK: DetectionSink = { push: () => undefined };
const NO_BARS: IndexedBars = { time: () => "", volume: () => undefined };

// Made at the first batch scan, not when the module loads: a process that never makes one (the CLI scans
// columns) does not pay its log and holder (2.2 ms of every CLI start, cli300k's marks).
let kept: RecordBatch | undefined;
let keptInUse = false;

function keptBatch(): RecordBatch {
  if (kept === undefined) kept = new RecordBatch();
  return kept;
}

/**
 * Runs `scan` with a RecordBatch begun on `reader`, `into` and `outcomes`, and finishes it after: the
 * one kept for the process (its log is fresh memory otherwise), or a new one for a scan inside another.
 *
 * @example
 * withRecordBatch(reader, detections, undefined, (batch) => scanCloses(closes, {}, (e, c, w) => batch.add(e, c, w)));
 */
export function withRecordBatch(
  reader: IndexedBars,
  into: DetectionSink,
  outcomes: OutcomesAhead | undefined,
  scan: (batch: RecordBatch) => void,
): void {
  const batch = keptInUse ? new RecordBatch() : keptBatch();
  const own = batch === kept;
  if (own) keptInUse = true;
  try {
    batch.begin(reader, into, outcomes);
    scan(batch);
    batch.finish();
  } finally {
    batch.release();
    if (own) keptInUse = false;
  }
}
