// Threshold rules over a symbol's recent bars: a big close-to-close move, a volume spike.

import type { Bar } from "../types";
import type { Thresholds } from "./config";

/** The threshold rules of the ThresholdChecker. */
export const THRESHOLD_RULES = ["priceMove", "volumeSpike"] as const;
export type ThresholdRule = (typeof THRESHOLD_RULES)[number];

/** A rule the newest bar broke, with its measurements. */
export interface Breach {
  rule: ThresholdRule;
  bar: Bar;
  measures: Record<string, number>;
  message: string;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The rules the newest bar breaks: its close moved at least `priceMovePct` percent from the previous
 * close; its volume is at least `volumeSpikeRatio` times the mean volume of the earlier bars.
 *
 * @example
 * evaluateBars(windowBars, { priceMovePct: 5, volumeSpikeRatio: 3, minConfidence: 75 })
 */
export function evaluateBars(bars: readonly Bar[], thresholds: Thresholds): Breach[] {
  const bar = bars.at(-1);
  const previous = bars.at(-2);
  if (bar === undefined || previous === undefined) return [];
  const breaches: Breach[] = [];
  if (previous.close > 0) {
    const movePct = ((bar.close - previous.close) / previous.close) * 100;
    if (Math.abs(movePct) >= thresholds.priceMovePct) {
      breaches.push({
        rule: "priceMove",
        bar,
        measures: { movePct: round(movePct), thresholdPct: thresholds.priceMovePct },
        message: `price ${movePct > 0 ? "up" : "down"} ${round(Math.abs(movePct))}% at ${bar.time}`,
      });
    }
  }
  const earlier = bars.slice(0, -1).flatMap((b) => (b.volume === undefined ? [] : [b.volume]));
  const meanVolume = earlier.length > 0 ? earlier.reduce((sum, v) => sum + v, 0) / earlier.length : 0;
  if (bar.volume !== undefined && meanVolume > 0) {
    const ratio = bar.volume / meanVolume;
    if (ratio >= thresholds.volumeSpikeRatio) {
      breaches.push({
        rule: "volumeSpike",
        bar,
        measures: { ratio: round(ratio), thresholdRatio: thresholds.volumeSpikeRatio },
        message: `volume ${round(ratio)}x the recent mean at ${bar.time}`,
      });
    }
  }
  return breaches;
}
