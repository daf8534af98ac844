// Turns a window's codes and extrema into detection records with their confidence.
//
// Runs once per detection (about one bar in six on a dense series), so it builds its arrays with plain
// loops rather than map callbacks. The window's extrema are read at their indices 0 .. count-1 and the bars
// at the window's own bars (`!`): toDetections' caller hands over the window that found the codes. Bars
// are read by index through IndexedBars, so a series held as columns (scanColumns) needs no Bar objects.
// biome-ignore-all lint/style/noNonNullAssertion: extremum indices run over 0 .. count-1; bars cover the window.

import type { DetectionWithOutcome, Outcome } from "../outcomes/types";
import { doubleCandidate } from "../patterns/double";
import { confidence, type PatternShape } from "../scoring/confidence";
import type { Bar, Detection, Extremum, PatternCode } from "../types";
import { WINDOW } from "./spec";
import type { WindowExtrema } from "./window";

/**
 * Index (like the extrema's bar indices) of the detection's first bar: E1's, or F's for doubles. An
 * outcome's range runs from it to the detection bar.
 */
export function startBar(code: PatternCode, w: WindowExtrema): number {
  return w.bars[code === "DTOP" || code === "DBOT" ? 0 : w.count - 5]!;
}

function valleyBetween(w: WindowExtrema, from: number, to: number): number | undefined {
  let valley: number | undefined;
  const fIsMax = w.isMax[from] === 1;
  for (let i = from + 1; i < to; i++) {
    if ((w.isMax[i] === 1) === fIsMax) continue;
    const p = w.prices[i]!;
    if (valley === undefined || (fIsMax ? p < valley : p > valley)) valley = p;
  }
  return valley;
}

/** What a detection record reads of its series' bars, by index: a Bar array's, or columns' (scanColumns). */
export interface IndexedBars {
  /** The time of bar `i`, as given. */
  time(i: number): string;
  /** The volume of bar `i`, or undefined when it has none. */
  volume(i: number): number | undefined;
}

/** A Bar array read as IndexedBars. */
class BarList implements IndexedBars {
  constructor(private readonly bars: readonly Bar[]) {}
  time(i: number): string {
    return this.bars[i]!.time;
  }
  volume(i: number): number | undefined {
    return this.bars[i]!.volume;
  }
}

/**
 * `bars` read by index: as they are when already IndexedBars, else through a BarList.
 *
 * @example
 * indexedBars([{ time: "2020-01-02", close: 10 }]).time(0) // "2020-01-02"
 */
export function indexedBars(bars: readonly Bar[] | IndexedBars): IndexedBars {
  return Array.isArray(bars) ? new BarList(bars) : (bars as IndexedBars);
}

function windowMeanVolume(bars: IndexedBars, e: number): number | undefined {
  let sum = 0;
  for (let i = e - WINDOW + 1; i <= e; i++) {
    const v = bars.volume(i);
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum / WINDOW;
}

/**
 * The extremum records of recent bars, by bar slot: consecutive windows report the same extrema, so a
 * record is made once per bar and kind and shared by the detections that use it (detections are read,
 * never changed, downstream). A slot holds the last record made for a bar whose index maps to it; it is
 * reused only when its time, price and kind are the ones wanted, so a record from another bar (or another
 * series) is shared only when it is equal.
 */
const SHARED_SLOTS = 64;
const sharedRecord: (Extremum | undefined)[] = new Array(SHARED_SLOTS).fill(undefined);

function extremumAt(w: WindowExtrema, i: number, bars: IndexedBars): Extremum {
  const index = w.bars[i]!;
  const time = bars.time(index);
  const price = w.prices[i]!;
  const kind = w.isMax[i] === 1 ? "max" : "min";
  const slot = index & (SHARED_SLOTS - 1);
  const known = sharedRecord[slot];
  if (known !== undefined && known.time === time && known.price === price && known.kind === kind)
    return known;
  const record: Extremum = { time, price, kind };
  sharedRecord[slot] = record;
  return record;
}

// The score's input, reused by every detection (confidence keeps none of it): one set per group size.
// Every field set from the start, so the objects keep one shape.
const scratchShape = (size: number): PatternShape => ({
  code: "HS",
  prices: new Array(size).fill(0.5),
  positions: new Array(size).fill(0),
  firstIsMax: false,
  valley: undefined,
  volumes: undefined,
  windowMeanVolume: undefined,
});
const FIVE = scratchShape(5);
const TWO = scratchShape(2);
const FIVE_VOLUMES = new Array(5).fill(0.5);
// The extremum records a detection uses, gathered before its own array is made (a literal, below).
const placeholder = (): Extremum => ({ time: "", price: 0.5, kind: "max" });
const USED_FIVE: Extremum[] = [placeholder(), placeholder(), placeholder(), placeholder(), placeholder()];
const USED_TWO: Extremum[] = [placeholder(), placeholder()];
const TWO_VOLUMES = new Array(2).fill(0.5);

/** The extrema a code uses into `extrema` and its score's shape: F and A for doubles, else E1..E5. */
function shapeOf(
  code: PatternCode,
  w: WindowExtrema,
  bars: IndexedBars,
  meanVolume: number | undefined,
  extrema: Extremum[],
): PatternShape {
  const double = code === "DTOP" || code === "DBOT";
  const shape = double ? TWO : FIVE;
  const prices = shape.prices as number[];
  const positions = shape.positions as number[];
  const volumes = double ? TWO_VOLUMES : FIVE_VOLUMES;
  const first = double ? 0 : w.count - 5;
  const last = double ? doubleCandidate(w) : w.count - 1;
  for (let k = 0; k < extrema.length; k++) {
    const i = double && k === 1 ? last : first + k;
    extrema[k] = extremumAt(w, i, bars);
    prices[k] = w.prices[i]!;
    positions[k] = w.positions[i]!;
    if (meanVolume !== undefined) volumes[k] = bars.volume(w.bars[i]!) as number;
  }
  shape.code = code;
  shape.firstIsMax = w.isMax[first] === 1;
  shape.valley = double ? valleyBetween(w, first, last) : undefined;
  shape.volumes = meanVolume === undefined ? undefined : volumes;
  shape.windowMeanVolume = meanVolume;
  return shape;
}

/** Where detections go as they are found: an array, or a writer that keeps none (scanColumns). */
export interface DetectionSink {
  push(detection: Detection): unknown;
}

/** A detection's outcome from its code, its start bar `a` and its bar `e` (scanOutcomes hands one over). */
export type OutcomeOf = (code: PatternCode, a: number, e: number) => Outcome;

/**
 * Appends to `into` the records for `codes`, found in the window ending at bar `e`; with `outcomeOf`, each
 * with its outcome, built in the same literal (one object per detection, no copy to add the field).
 * `bars` is indexed like the bar indices of the extrema: the whole series for batch, the detector's
 * buffer for streaming; a Bar array or IndexedBars (columns).
 */
export function appendDetections(
  codes: readonly PatternCode[],
  w: WindowExtrema,
  bars: readonly Bar[] | IndexedBars,
  e: number,
  into: DetectionSink,
): void;
export function appendDetections(
  codes: readonly PatternCode[],
  w: WindowExtrema,
  bars: readonly Bar[] | IndexedBars,
  e: number,
  into: DetectionSink,
  outcomeOf: OutcomeOf,
): void;
export function appendDetections(
  codes: readonly PatternCode[],
  w: WindowExtrema,
  barsGiven: readonly Bar[] | IndexedBars,
  e: number,
  into: DetectionSink,
  outcomeOf?: OutcomeOf,
): void {
  const bars = indexedBars(barsGiven);
  const meanVolume = windowMeanVolume(bars, e);
  const detectedAt = bars.time(e);
  for (let c = 0; c < codes.length; c++) {
    const pattern = codes[c]!;
    const double = pattern === "DTOP" || pattern === "DBOT";
    const used = double ? USED_TWO : USED_FIVE;
    const shape = shapeOf(pattern, w, bars, meanVolume, used);
    // A literal of the exact size: its allocation site lets V8 allocate these (all kept) straight in the old
    // generation, where `new Array(n)` left each to be copied by two scavenges.
    const extrema: Extremum[] = double
      ? [used[0]!, used[1]!]
      : [used[0]!, used[1]!, used[2]!, used[3]!, used[4]!];
    const start = extrema[0]!.time;
    const end = extrema[extrema.length - 1]!.time;
    const score = confidence(shape);
    if (outcomeOf === undefined) into.push({ pattern, start, end, detectedAt, extrema, confidence: score });
    else {
      const outcome = outcomeOf(pattern, startBar(pattern, w), e);
      into.push({
        pattern,
        start,
        end,
        detectedAt,
        extrema,
        confidence: score,
        outcome,
      } as DetectionWithOutcome);
    }
  }
}

/** The records for `codes`, found in the window ending at bar `e` (see appendDetections). */
export function toDetections(
  codes: readonly PatternCode[],
  w: WindowExtrema,
  bars: readonly Bar[],
  e: number,
): Detection[] {
  const detections: Detection[] = [];
  appendDetections(codes, w, bars, e, detections);
  return detections;
}
