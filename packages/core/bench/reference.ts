// A straightforward reading of PATTERNS.md: every window smoothed from scratch with the untruncated
// kernel, O(W^2) per window, with its own reading of the rules (reference-rules.ts). The benchmark's
// baseline and the tests' second opinion on the fast engine.

import { itemAt } from "../src/engine/indexed";
import { COMPLETION_POSITION, DEFAULT_BANDWIDTH, SMOOTHED_TIE, WINDOW } from "../src/engine/spec";
import type { Bar, Extremum, PatternCode } from "../src/types";
import { referenceDoubleRule, referenceFiveRules } from "./reference-rules";

/** A detection without confidence: the part two implementations must agree on. */
export interface ReferenceDetection {
  pattern: PatternCode;
  start: string;
  end: string;
  detectedAt: string;
  extrema: Extremum[];
}

interface Found {
  position: number;
  bar: number;
  price: number;
  isMax: boolean;
}

function smoothWindow(closes: readonly number[], s: number, h: number): number[] {
  const m: number[] = [];
  for (let t = 0; t < WINDOW; t++) {
    let num = 0;
    let den = 0;
    for (let j = 0; j < WINDOW; j++) {
      const k = Math.exp(-((t - j) ** 2) / (2 * h * h));
      // biome-ignore lint/style/noNonNullAssertion: s .. s + W - 1 is the window, inside closes (the yardstick's inner loop).
      num += k * closes[s + j]!;
      den += k;
    }
    m.push(num / den);
  }
  return m;
}

function extremaOf(closes: readonly number[], s: number, m: number[]): Found[] {
  const found: Found[] = [];
  for (let t = 1; t <= WINDOW - 2; t++) {
    const [left, mid, right] = [itemAt(m, t - 1), itemAt(m, t), itemAt(m, t + 1)];
    // Values within SMOOTHED_TIE of mid are equal: floating-point ties, which PATTERNS.md leaves aside.
    const tie = SMOOTHED_TIE * mid;
    const isMax = mid - left > tie && right - mid <= tie;
    const isMin = left - mid > tie && mid - right <= tie;
    if (!isMax && !isMin) continue;
    let bar = s + t - 1;
    for (const j of [s + t, s + t + 1])
      if (isMax ? itemAt(closes, j) > itemAt(closes, bar) : itemAt(closes, j) < itemAt(closes, bar)) bar = j;
    found.push({ position: t, bar, price: itemAt(closes, bar), isMax });
  }
  return found;
}

/**
 * Every detection of a series by the straightforward method (no confidence).
 *
 * @example
 * referenceScan(bars).length
 */
export function referenceScan(bars: readonly Bar[], bandwidth = DEFAULT_BANDWIDTH): ReferenceDetection[] {
  const closes = bars.map((bar) => bar.close);
  const out: ReferenceDetection[] = [];
  for (let e = WINDOW - 1; e < bars.length; e++) {
    const s = e - WINDOW + 1;
    const all = extremaOf(closes, s, smoothWindow(closes, s, bandwidth));
    const lastIndex = all.findIndex((x) => x.position === COMPLETION_POSITION);
    if (lastIndex < 0) continue;
    const upTo = all.slice(0, lastIndex + 1);
    const record = (pattern: PatternCode, used: Found[]) =>
      out.push({
        pattern,
        start: itemAt(bars, itemAt(used, 0).bar).time,
        end: itemAt(bars, itemAt(used, used.length - 1).bar).time,
        detectedAt: itemAt(bars, e).time,
        extrema: used.map((x) => ({
          time: itemAt(bars, x.bar).time,
          price: x.price,
          kind: x.isMax ? "max" : "min",
        })),
      });
    if (upTo.length >= 5) {
      const five = upTo.slice(-5);
      for (const code of referenceFiveRules(five)) record(code, five);
    }
    const double = referenceDoubleRule(upTo);
    if (double) record(double, [itemAt(upTo, 0), itemAt(upTo, upTo.length - 1)]);
  }
  return out;
}
