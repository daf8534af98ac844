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
// 5 otherwise, as toDetections builds them); tops and bottoms are read as numbers (fit-groups.test.ts holds
// the score equal to the formula over arrays). The parts are exported too: the codes of one window share
// their extrema, so the record builder computes regularity and volume once per window.
// biome-ignore-all lint/style/noNonNullAssertion: groups of 2, 3 or 5; loops stay below their length (above).

import {
  DOUBLE_MIN_SPAN,
  DOUBLE_TOLERANCE_PCT,
  RECTANGLE_TOLERANCE_PCT,
  SHOULDER_TOLERANCE_PCT,
} from "../engine/spec";
import { mean } from "../patterns/tolerance";
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

// The groups below are read as numbers, not arrays: this runs once per detection, and arrays, destructuring
// and small helpers returning doubles each left garbage behind (a fifth of scanBars' young allocation). Each
// helper computes what `relativeSpread`, `mean`, `Math.min` over a group give, in the same order of operations,
// so the score does not change by a bit.

/** How far inside a "within pct%" tolerance two values sit: 1 = equal, 0 = on the edge. */
function tight2(a: number, b: number, pct: number): number {
  const m = (a + b) / 2;
  return clamp01(1 - Math.max(Math.abs(a - m), Math.abs(b - m)) / m / (pct / 100));
}

/** tight2 for three values. */
function tight3(a: number, b: number, c: number, pct: number): number {
  const m = (a + b + c) / 3;
  return clamp01(1 - Math.max(Math.max(Math.abs(a - m), Math.abs(b - m)), Math.abs(c - m)) / m / (pct / 100));
}

/** How clearly a exceeds b, relative to the price level `ref`. */
const step = (a: number, b: number, ref: number) => clamp01((a - b) / (CLEAN_STEP * ref));

/**
 * The fit part of a double top or bottom's score: F and A level, and the valley between them (when there
 * is one) deep enough.
 *
 * @example
 * doubleFit("DTOP", 100, 100, 90) // 1
 */
export function doubleFit(code: PatternCode, f: number, a: number, valley: number | undefined): number {
  const ref = (f + a) / 2;
  const pair = tight2(f, a, DOUBLE_TOLERANCE_PCT);
  if (valley === undefined) return pair;
  const depth = code === "DTOP" ? step(ref, valley, ref) : step(valley, ref, ref);
  return (pair + depth) / 2;
}

function fit(shape: PatternShape): number {
  const p = shape.prices;
  if (shape.code === "DTOP" || shape.code === "DBOT")
    return doubleFit(shape.code, p[0]!, p[1]!, shape.valley);
  if (p.length !== 5) throw new RangeError(`${shape.code} is scored on 5 extrema, got ${p.length}`);
  SHAPE_PRICES.set(p);
  return fiveFit(shape.code, SHAPE_PRICES, 0, shape.firstIsMax);
}

/** A shape's five prices as fiveFit reads them. */
const SHAPE_PRICES = new Float64Array(5);

/**
 * The fit part of a five-extremum pattern's score, from E1..E5's prices (`prices[first]` on) and E1's kind.
 * The codes found in one window share their extrema, so a caller scoring several computes the other parts
 * once (scoreOf). The prices are read from the array, not passed one by one: the function is too large to
 * inline, and five doubles passed to it were five boxed numbers per detection, 12 MB of garbage per
 * million bars, enough for a scavenge in every scanBars run. Each family of codes is scored by a function
 * of its own, small enough that the compiler inlines all its helpers (as one function it ran out of its
 * inlining budget, and the helpers left as calls boxed each result).
 *
 * @example
 * fiveFit("HS", Float64Array.of(100, 90, 110, 90, 100), 0, true) // 1
 */
export function fiveFit(
  code: Exclude<PatternCode, "DTOP" | "DBOT">,
  prices: Float64Array,
  first: number,
  firstIsMax: boolean,
): number {
  switch (code) {
    case "HS":
    case "IHS":
      return shouldersFit(code, prices, first);
    case "BTOP":
    case "TBOT":
    case "TTOP":
    case "BBOT":
      return stepsFit(code, prices, first);
  }
  return levelsFit(code, prices, first, firstIsMax);
}

/** fiveFit of a head and shoulders, plain or inverse. */
function shouldersFit(code: "HS" | "IHS", prices: Float64Array, first: number): number {
  const e1 = prices[first]!;
  const e2 = prices[first + 1]!;
  const e3 = prices[first + 2]!;
  const e4 = prices[first + 3]!;
  const e5 = prices[first + 4]!;
  const ref = (e1 + e2 + e3 + e4 + e5) / 5;
  return mean3(
    tight2(e1, e5, SHOULDER_TOLERANCE_PCT),
    tight2(e2, e4, SHOULDER_TOLERANCE_PCT),
    code === "HS" ? step(e3, Math.max(e1, e5), ref) : step(Math.min(e1, e5), e3, ref),
  );
}

/** fiveFit of the broadening and triangle tops and bottoms scored on three steps. */
function stepsFit(code: "BTOP" | "TBOT" | "TTOP" | "BBOT", prices: Float64Array, first: number): number {
  const e1 = prices[first]!;
  const e2 = prices[first + 1]!;
  const e3 = prices[first + 2]!;
  const e4 = prices[first + 3]!;
  const e5 = prices[first + 4]!;
  const ref = (e1 + e2 + e3 + e4 + e5) / 5;
  if (code === "BTOP" || code === "TBOT")
    return mean3(step(e3, e1, ref), step(e5, e3, ref), step(e2, e4, ref));
  return mean3(step(e1, e3, ref), step(e3, e5, ref), step(e4, e2, ref));
}

/** fiveFit of the rectangles and the ascending and descending triangles: tops and bottoms level. */
function levelsFit(
  code: "RTOP" | "RBOT" | "ATRI" | "DTRI",
  prices: Float64Array,
  first: number,
  firstIsMax: boolean,
): number {
  const e1 = prices[first]!;
  const e2 = prices[first + 1]!;
  const e3 = prices[first + 2]!;
  const e4 = prices[first + 3]!;
  const e5 = prices[first + 4]!;
  const ref = (e1 + e2 + e3 + e4 + e5) / 5;
  // Tops and bottoms as E1's kind names them (topsAndBottoms): E1, E3, E5 ("odd") and E2, E4 ("even").
  const oddIsTops = firstIsMax;
  const oddTight = tight3(e1, e3, e5, RECTANGLE_TOLERANCE_PCT);
  const evenTight = tight2(e2, e4, RECTANGLE_TOLERANCE_PCT);
  const gap = oddIsTops
    ? step(Math.min(Math.min(e1, e3), e5), Math.max(e2, e4), ref)
    : step(Math.min(e2, e4), Math.max(Math.max(e1, e3), e5), ref);
  const topsTight = oddIsTops ? oddTight : evenTight;
  const bottomsTight = oddIsTops ? evenTight : oddTight;
  if (code === "RTOP" || code === "RBOT") return mean3(topsTight, bottomsTight, gap);
  // The last of a group over its first: E5 / E1 for the odd group, E4 / E2 for the even one.
  if (code === "ATRI")
    return mean3(topsTight, clamp01(((oddIsTops ? e4 / e2 : e5 / e1) - 1) / CLEAN_TRIANGLE_MOVE), gap);
  return mean3(bottomsTight, clamp01((1 - (oddIsTops ? e5 / e1 : e4 / e2)) / CLEAN_TRIANGLE_MOVE), gap);
}

/**
 * The regularity part of the score from the used extrema's positions in the window: 2 for doubles, else 5.
 *
 * @example
 * regularity([6, 13, 20, 27, 34]) // 1
 */
export function regularity(pos: ArrayLike<number>): number {
  if (pos.length === 2) return clamp01((pos[1]! - pos[0]! - DOUBLE_MIN_SPAN) / REGULAR_SPAN_RANGE);
  // Population standard deviation of the gaps between consecutive positions, over their mean.
  const n = pos.length - 1;
  const meanGap = (pos[n]! - pos[0]!) / n;
  let squares = 0;
  for (let i = 1; i <= n; i++) squares += (pos[i]! - pos[i - 1]! - meanGap) ** 2;
  return clamp01(1 - Math.sqrt(squares / n) / meanGap);
}

/**
 * The volume part of the score: the mean volume on the extrema's bars over the window's, capped at 1; NaN
 * when it does not count (a bar without volume, or a window without any).
 *
 * @example
 * volumePart([200, 200], 100) // 1
 */
export function volumePart(
  volumes: readonly number[] | undefined,
  windowMeanVolume: number | undefined,
): number {
  if (volumes && windowMeanVolume && windowMeanVolume > 0) return clamp01(mean(volumes) / windowMeanVolume);
  return Number.NaN;
}

/**
 * The score from its parts (volume NaN when it does not count): the header's formula.
 *
 * @example
 * scoreOf(1, 1, Number.NaN) // 100
 */
export function scoreOf(fitPart: number, regularityPart: number, volume: number): number {
  const shapeScore = 0.6 * fitPart + 0.25 * regularityPart;
  if (!Number.isNaN(volume)) return Math.round(100 * (shapeScore + 0.15 * volume));
  return Math.round((100 * shapeScore) / 0.85);
}

/**
 * The confidence of a detected shape, an integer 0–100 (formula in this file's header).
 *
 * @example
 * confidence({ code: "HS", prices: [100, 90, 110, 90, 100], positions: [6, 13, 20, 27, 34], firstIsMax: true }) // 100
 */
export function confidence(shape: PatternShape): number {
  return scoreOf(fit(shape), regularity(shape.positions), volumePart(shape.volumes, shape.windowMeanVolume));
}
