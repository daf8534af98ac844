// Turns a window's codes and extrema into detection records with their confidence.

import { doubleCandidate } from "../patterns/double";
import { confidence, type PatternShape } from "../scoring/confidence";
import type { Bar, Detection, Extremum, PatternCode } from "../types";
import { WINDOW } from "./spec";
import type { WindowExtrema } from "./window";

/** Bar access by absolute index: a plain array for batch, a ring for streaming. */
export type BarAt = (index: number) => Bar;

function usedExtrema(code: PatternCode, w: WindowExtrema): number[] {
  if (code === "DTOP" || code === "DBOT") return [0, doubleCandidate(w)];
  const first = w.count - 5;
  return [first, first + 1, first + 2, first + 3, first + 4];
}

function valleyBetween(w: WindowExtrema, from: number, to: number): number | undefined {
  let valley: number | undefined;
  const fIsMax = w.isMax[from] === 1;
  for (let i = from + 1; i < to; i++) {
    if ((w.isMax[i] === 1) === fIsMax) continue;
    const p = w.prices[i];
    if (valley === undefined || (fIsMax ? p < valley : p > valley)) valley = p;
  }
  return valley;
}

function windowMeanVolume(barAt: BarAt, e: number): number | undefined {
  let sum = 0;
  for (let i = e - WINDOW + 1; i <= e; i++) {
    const v = barAt(i).volume;
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum / WINDOW;
}

/** Builds the records for `codes`, found in the window ending at bar `e`. */
export function toDetections(
  codes: readonly PatternCode[],
  w: WindowExtrema,
  barAt: BarAt,
  e: number,
): Detection[] {
  const meanVolume = windowMeanVolume(barAt, e);
  return codes.map((code) => {
    const used = usedExtrema(code, w);
    const extrema: Extremum[] = used.map((i) => ({
      time: barAt(w.bars[i]).time,
      price: w.prices[i],
      kind: w.isMax[i] === 1 ? "max" : "min",
    }));
    const shape: PatternShape = {
      code,
      prices: used.map((i) => w.prices[i]),
      positions: used.map((i) => w.positions[i]),
      firstIsMax: w.isMax[used[0]] === 1,
      valley: used.length === 2 ? valleyBetween(w, used[0], used[1]) : undefined,
      volumes: meanVolume === undefined ? undefined : used.map((i) => barAt(w.bars[i]).volume as number),
      windowMeanVolume: meanVolume,
    };
    return {
      pattern: code,
      start: extrema[0].time,
      end: extrema[extrema.length - 1].time,
      detectedAt: barAt(e).time,
      extrema,
      confidence: confidence(shape),
    };
  });
}
