// Turns a window's codes and extrema into detection records with their confidence.
//
// Runs once per detection (about one bar in six on a dense series), so it builds its arrays with plain
// loops rather than map callbacks.

import { doubleCandidate } from "../patterns/double";
import { confidence } from "../scoring/confidence";
import type { Bar, Detection, Extremum, PatternCode } from "../types";
import { WINDOW } from "./spec";
import type { WindowExtrema } from "./window";

/** Indices into the window's extrema of those a code uses: F and A for doubles, else E1..E5. */
function usedExtrema(code: PatternCode, w: WindowExtrema): number[] {
  if (code === "DTOP" || code === "DBOT") return [0, doubleCandidate(w)];
  const first = w.count - 5;
  return [first, first + 1, first + 2, first + 3, first + 4];
}

/**
 * Index (like the extrema's bar indices) of the detection's first bar: E1's, or F's for doubles. An
 * outcome's range runs from it to the detection bar.
 */
export function startBar(code: PatternCode, w: WindowExtrema): number {
  return w.bars[code === "DTOP" || code === "DBOT" ? 0 : w.count - 5];
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

function windowMeanVolume(bars: readonly Bar[], e: number): number | undefined {
  let sum = 0;
  for (let i = e - WINDOW + 1; i <= e; i++) {
    const v = bars[i].volume;
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum / WINDOW;
}

/**
 * Builds the records for `codes`, found in the window ending at bar `e`. `bars` is indexed like the bar
 * indices of the extrema: the whole series for batch, the detector's buffer for streaming.
 */
export function toDetections(
  codes: readonly PatternCode[],
  w: WindowExtrema,
  bars: readonly Bar[],
  e: number,
): Detection[] {
  const meanVolume = windowMeanVolume(bars, e);
  const detectedAt = bars[e].time;
  const detections: Detection[] = [];
  for (const code of codes) {
    const used = usedExtrema(code, w);
    const extrema: Extremum[] = [];
    const prices: number[] = [];
    const positions: number[] = [];
    const volumes: number[] | undefined = meanVolume === undefined ? undefined : [];
    for (const i of used) {
      const bar = bars[w.bars[i]];
      extrema.push({ time: bar.time, price: w.prices[i], kind: w.isMax[i] === 1 ? "max" : "min" });
      prices.push(w.prices[i]);
      positions.push(w.positions[i]);
      volumes?.push(bar.volume as number);
    }
    const score = confidence({
      code,
      prices,
      positions,
      firstIsMax: w.isMax[used[0]] === 1,
      valley: used.length === 2 ? valleyBetween(w, used[0], used[1]) : undefined,
      volumes,
      windowMeanVolume: meanVolume,
    });
    detections.push({
      pattern: code,
      start: extrema[0].time,
      end: extrema[extrema.length - 1].time,
      detectedAt,
      extrema,
      confidence: score,
    });
  }
  return detections;
}
