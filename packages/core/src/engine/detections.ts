// Turns a window's codes and extrema into detection records with their confidence.
//
// Runs once per window that holds codes (about one bar in eight on a dense series), so it builds its arrays
// with plain loops rather than map callbacks. The window's five-extremum codes share E1..E5: their records,
// one extrema array (detections are read, never changed) and the score's regularity and volume parts are
// made once per window; each code adds its fit and its record. The window's extrema are read at their
// indices 0 .. count-1 and the bars at the window's own bars (`!`): toDetections' caller hands over the
// window that found the codes. Bars are read by index through IndexedBars, so a series held as columns
// (scanColumns) needs no Bar objects.
// biome-ignore-all lint/style/noNonNullAssertion: extremum indices run over 0 .. count-1; bars cover the window.

import type { FollowedDetection, FollowedOutcome } from "../outcomes/types";
import { doubleCandidate } from "../patterns/double";
import { doubleFit, fiveFit, regularity, scoreOf, volumePart } from "../scoring/confidence";
import type { Bar, Detection, Extremum, PatternCode } from "../types";
import { type IndexedBars, indexedBars, windowMeanVolume } from "./bar-reader";
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

/**
 * The extremum records of recent bars, by bar slot, for readers without records of their own (a batch
 * scan's reader has them: ExtremumRecords): consecutive windows report the same extrema, so a
 * record is made once per bar and kind and shared by the detections that use it (detections are read,
 * never changed, downstream). A slot holds the last record made for a bar whose index maps to it; it is
 * reused only when its time, price and kind are the ones wanted, so a record from another bar (or another
 * series) is shared only when it is equal.
 */
const SHARED_SLOTS = 64;
const sharedRecord: (Extremum | undefined)[] = new Array(SHARED_SLOTS).fill(undefined);

/** The record of the extremum at bar `index` from the shared slots (above), made when none is equal. */
function sharedExtremum(index: number, price: number, isMax: boolean, bars: IndexedBars): Extremum {
  const time = bars.time(index);
  const kind = isMax ? "max" : "min";
  const slot = index & (SHARED_SLOTS - 1);
  const known = sharedRecord[slot];
  // Price first: a slot left by another bar almost always differs there, and comparing two different time
  // strings reads both strings' characters (each a likely cache miss); the time of the same bar is the
  // same string, compared by reference.
  if (known !== undefined && known.price === price && known.kind === kind && known.time === time)
    return known;
  const record: Extremum = { time, price, kind };
  sharedRecord[slot] = record;
  return record;
}

/** The record of window `w`'s extremum `i`: the one place that chooses between the scan's records and the slots. */
function extremumAt(w: WindowExtrema, i: number, bars: IndexedBars): Extremum {
  const index = w.bars[i]!;
  const price = w.prices[i]!;
  const isMax = w.isMax[i] === 1;
  const records = bars.records;
  return records === undefined ? sharedExtremum(index, price, isMax, bars) : records.at(index, price, isMax);
}

/** What a five-extremum array holds before fiveExtrema fills it: never seen outside. */
const UNFILLED: Extremum = { time: "", price: 0.5, kind: "max" };

/**
 * E1..E5's records, from extremum `first` on, in a new array: the one builder of a window's five, for
 * every reader (extremumAt chooses the records).
 */
function fiveExtrema(w: WindowExtrema, first: number, bars: IndexedBars): Extremum[] {
  // A literal of the exact size, as below: its allocation site lets V8 allocate these (all kept) in the old
  // generation.
  const five = [UNFILLED, UNFILLED, UNFILLED, UNFILLED, UNFILLED];
  for (let k = 0; k < 5; k++) five[k] = extremumAt(w, first + k, bars);
  return five;
}

// The used extrema's positions and volumes, read by the score's parts (which keep none of them): one set
// per group size, reused by every window. Volumes start as doubles so the arrays keep one elements kind.
const FIVE_POSITIONS = [0, 0, 0, 0, 0];
const FIVE_VOLUMES = new Array(5).fill(0.5);
const TWO_POSITIONS = [0, 0];
const TWO_VOLUMES = new Array(2).fill(0.5);

/** A double top or bottom's score: F (extremum 0) and A (extremum `a`) and the valley between them. */
function doubleScore(
  code: "DTOP" | "DBOT",
  w: WindowExtrema,
  a: number,
  bars: IndexedBars,
  meanVolume: number | undefined,
): number {
  TWO_POSITIONS[0] = w.positions[0]!;
  TWO_POSITIONS[1] = w.positions[a]!;
  let volume = Number.NaN;
  if (meanVolume !== undefined) {
    TWO_VOLUMES[0] = bars.volume(w.bars[0]!) as number;
    TWO_VOLUMES[1] = bars.volume(w.bars[a]!) as number;
    volume = volumePart(TWO_VOLUMES, meanVolume);
  }
  const fit = doubleFit(code, w.prices[0]!, w.prices[a]!, valleyBetween(w, 0, a));
  return scoreOf(fit, regularity(TWO_POSITIONS), volume);
}

/** Where detections go as they are found: an array, or a writer that keeps none (scanColumns). */
export interface DetectionSink {
  push(detection: Detection): unknown;
}

/** A detection's outcome from its code, its start bar `a` and its bar `e` (scanOutcomes hands one over). */
export type OutcomeOf = (code: PatternCode, a: number, e: number) => FollowedOutcome;

/**
 * Appends to `into` the records for `codes`, found in the window ending at bar `e`; with `outcomeOf`, each
 * with its outcome, built in the same literal (one object per detection, no copy to add the field).
 * `bars` is indexed like the bar indices of the extrema: the whole series for batch, the detector's
 * buffer for streaming (a Bar array goes in as indexedBars(bars): toDetections). Taking IndexedBars only
 * keeps the wrapping out of this function, whose compiled code the batch scans share with the detector.
 */
export function appendDetections(
  codes: readonly PatternCode[],
  w: WindowExtrema,
  bars: IndexedBars,
  e: number,
  into: DetectionSink,
): void;
export function appendDetections(
  codes: readonly PatternCode[],
  w: WindowExtrema,
  bars: IndexedBars,
  e: number,
  into: DetectionSink,
  outcomeOf: OutcomeOf,
): void;
export function appendDetections(
  codes: readonly PatternCode[],
  w: WindowExtrema,
  bars: IndexedBars,
  e: number,
  into: DetectionSink,
  outcomeOf?: OutcomeOf,
): void {
  const meanVolume = bars.meanVolume === undefined ? windowMeanVolume(bars, e) : bars.meanVolume(e);
  const detectedAt = bars.time(e);
  // What the window's five-extremum codes share, made at the first of them: E1..E5's records in one array
  // (detections are read, never changed), and the score's regularity and volume parts.
  let five: Extremum[] | undefined;
  let fiveRegularity = 0;
  let fiveVolume = Number.NaN;
  const first = w.count - 5;
  for (let c = 0; c < codes.length; c++) {
    const pattern = codes[c]!;
    let extrema: Extremum[];
    let score: number;
    if (pattern === "DTOP" || pattern === "DBOT") {
      const a = doubleCandidate(w);
      // Literals of the exact size: their allocation sites let V8 allocate these (all kept) straight in the
      // old generation, where `new Array(n)` left each to be copied by two scavenges.
      extrema = [extremumAt(w, 0, bars), extremumAt(w, a, bars)];
      score = doubleScore(pattern, w, a, bars, meanVolume);
    } else {
      if (five === undefined) {
        five = fiveExtrema(w, first, bars);
        for (let k = 0; k < 5; k++) {
          FIVE_POSITIONS[k] = w.positions[first + k]!;
          if (meanVolume !== undefined) FIVE_VOLUMES[k] = bars.volume(w.bars[first + k]!) as number;
        }
        fiveRegularity = regularity(FIVE_POSITIONS);
        fiveVolume = meanVolume === undefined ? Number.NaN : volumePart(FIVE_VOLUMES, meanVolume);
      }
      extrema = five;
      const fit = fiveFit(pattern, w.prices, first, w.isMax[first] === 1);
      score = scoreOf(fit, fiveRegularity, fiveVolume);
    }
    const start = extrema[0]!.time;
    const end = extrema[extrema.length - 1]!.time;
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
      } as FollowedDetection);
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
  appendDetections(codes, w, indexedBars(bars), e, detections);
  return detections;
}
