// The engine's own 0–100 score of how clean a detected shape is. Deterministic: prices, positions, volumes only.
//
// confidence = round(100 * (0.60 fit + 0.25 regularity + 0.15 volume)), without volume
// round(100 * (0.60 fit + 0.25 regularity) / 0.85), where each part is in [0, 1]:
// - fit: the mean over the pattern's conditions of how far inside each one the shape sits: for a
//   "within x%" group 1 - spread / x%; for a strict ordering a > b, min(1, (a - b) / (2% of the price));
//   for the triangles' 1.5% rise or fall, min(1, move / 3%). A shape exactly on a tolerance scores 0 there.
// - regularity: five-extremum patterns, 1 - (population std / mean) of the four gaps between the extrema's
//   positions (evenly spaced = 1); doubles, min(1, (span - 22) / 11), how far past the minimum span.
// - volume: min(1, mean volume on the extrema's bars / mean volume of the window): turns on heavy volume count more.
//
// Groups are read by index, once per detection: prices and positions hold the used extrema (2 for doubles,
// 5 otherwise, as toDetections builds them), tops and bottoms 3 and 2; loops stay below each length.
// biome-ignore-all lint/style/noNonNullAssertion: groups of 2, 3 or 5; loops stay below their length (above).

import {
  DOUBLE_MIN_SPAN,
  DOUBLE_TOLERANCE_PCT,
  RECTANGLE_TOLERANCE_PCT,
  SHOULDER_TOLERANCE_PCT,
} from "../engine/spec";
import { isFivePrices, topsAndBottoms } from "../patterns/five";
import { mean, relativeSpread } from "../patterns/tolerance";
import type { PatternCode } from "../types";

/** What the score reads of a detection. */
export interface PatternShape {
  code: PatternCode;
  /** Prices of the extrema used, in order: E1..E5, or F and A for doubles. */
  prices: readonly number[];
  /** Their positions in the window. */
  positions: readonly number[];
  /** 1 when E1 (or F) is a maximum. */
  firstIsMax: boolean;
  /** Doubles: the deepest opposite extremum between F and A (the valley of a double top). */
  valley?: number;
  /** Volumes on the extrema's bars and the window's mean volume, when every bar has a volume. */
  volumes?: readonly number[];
  windowMeanVolume?: number;
}

const CLEAN_STEP = 0.02;
const CLEAN_TRIANGLE_MOVE = 0.03;
const REGULAR_SPAN_RANGE = 11;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
/** The mean of a pattern's three condition scores (no array: this runs once per detection). */
const mean3 = (a: number, b: number, c: number) => (a + b + c) / 3;
/** How far inside a "within pct%" tolerance a group sits: 1 = all equal, 0 = on the edge. */
const tight = (values: readonly number[], pct: number) => clamp01(1 - relativeSpread(values) / (pct / 100));
// Scratch groups reused by every score: it runs once per detection and keeps none of them.
const PAIR = [0, 0];
const ODD = [0, 0, 0];
const EVEN = [0, 0];

/** How level a head-and-shoulders pair (shoulders, or troughs) sits, inside the detector's own tolerance. */
function shoulders(a: number, b: number): number {
  PAIR[0] = a;
  PAIR[1] = b;
  return tight(PAIR, SHOULDER_TOLERANCE_PCT);
}
/** How clearly a exceeds b, relative to the price level `ref`. */
const step = (a: number, b: number, ref: number) => clamp01((a - b) / (CLEAN_STEP * ref));

function lowest(values: readonly number[]): number {
  let low = values[0]!;
  for (let i = 1; i < values.length; i++) low = Math.min(low, values[i]!);
  return low;
}

function highest(values: readonly number[]): number {
  let high = values[0]!;
  for (let i = 1; i < values.length; i++) high = Math.max(high, values[i]!);
  return high;
}

function fit(shape: PatternShape): number {
  const p = shape.prices;
  const ref = mean(p);
  if (shape.code === "DTOP" || shape.code === "DBOT") {
    const pair = tight(p, DOUBLE_TOLERANCE_PCT);
    if (shape.valley === undefined) return pair;
    const depth = shape.code === "DTOP" ? step(ref, shape.valley, ref) : step(shape.valley, ref, ref);
    return (pair + depth) / 2;
  }
  if (!isFivePrices(p)) throw new RangeError(`${shape.code} is scored on 5 extrema, got ${p.length}`);
  const { tops, bottoms } = topsAndBottoms(p, shape.firstIsMax, ODD, EVEN);
  const gap = step(lowest(tops), highest(bottoms), ref);
  const [e1, e2, e3, e4, e5] = p;
  switch (shape.code) {
    case "HS":
      return mean3(shoulders(e1, e5), shoulders(e2, e4), step(e3, Math.max(e1, e5), ref));
    case "IHS":
      return mean3(shoulders(e1, e5), shoulders(e2, e4), step(Math.min(e1, e5), e3, ref));
    case "BTOP":
    case "TBOT":
      return mean3(step(e3, e1, ref), step(e5, e3, ref), step(e2, e4, ref));
    case "TTOP":
    case "BBOT":
      return mean3(step(e1, e3, ref), step(e3, e5, ref), step(e4, e2, ref));
    case "RTOP":
    case "RBOT":
      return mean3(tight(tops, RECTANGLE_TOLERANCE_PCT), tight(bottoms, RECTANGLE_TOLERANCE_PCT), gap);
    case "ATRI":
      return mean3(
        tight(tops, RECTANGLE_TOLERANCE_PCT),
        clamp01((bottoms[bottoms.length - 1]! / bottoms[0]! - 1) / CLEAN_TRIANGLE_MOVE),
        gap,
      );
    case "DTRI":
      return mean3(
        tight(bottoms, RECTANGLE_TOLERANCE_PCT),
        clamp01((1 - tops[tops.length - 1]! / tops[0]!) / CLEAN_TRIANGLE_MOVE),
        gap,
      );
  }
}

function regularity(shape: PatternShape): number {
  const pos = shape.positions;
  if (pos.length === 2) return clamp01((pos[1]! - pos[0]! - DOUBLE_MIN_SPAN) / REGULAR_SPAN_RANGE);
  // Population standard deviation of the gaps between consecutive positions, over their mean.
  const n = pos.length - 1;
  const meanGap = (pos[n]! - pos[0]!) / n;
  let squares = 0;
  for (let i = 1; i <= n; i++) squares += (pos[i]! - pos[i - 1]! - meanGap) ** 2;
  return clamp01(1 - Math.sqrt(squares / n) / meanGap);
}

/**
 * The confidence of a detected shape, an integer 0–100 (formula in this file's header).
 *
 * @example
 * confidence({ code: "HS", prices: [100, 90, 110, 90, 100], positions: [6, 13, 20, 27, 34], firstIsMax: true }) // 100
 */
export function confidence(shape: PatternShape): number {
  const shapeScore = 0.6 * fit(shape) + 0.25 * regularity(shape);
  const { volumes, windowMeanVolume } = shape;
  if (volumes && windowMeanVolume && windowMeanVolume > 0) {
    const volume = clamp01(mean(volumes) / windowMeanVolume);
    return Math.round(100 * (shapeScore + 0.15 * volume));
  }
  return Math.round((100 * shapeScore) / 0.85);
}
