// Evidence of one series as of many times (PATTERNS.md "Evidence"): what evidenceOf answers as of each, for
// a caller that needs a code's evidence at each of its detections (POST /patterns' alerts).

import type { PatternCode } from "../types";
import { evidenceOf } from "./evidence";
import type { SeriesOutcomes } from "./series-count";
import type { Evidence } from "./types";

/** A code's evidence wanted as of a time. */
export interface EvidenceAsk {
  pattern: PatternCode;
  asOf: string;
}

/**
 * The evidence of `series` for each ask: its code's, as of its time, equal to evidenceOf's for that series
 * and time. Throws RangeError when a time is not readable.
 *
 * @example
 * const [hs] = evidenceAtTimes({ bars, detections }, [{ pattern: "HS", asOf: "2010-01-04" }]);
 */
export function evidenceAtTimes(series: SeriesOutcomes, asks: readonly EvidenceAsk[]): Evidence[] {
  const atTime = new Map<string, Evidence[]>();
  return asks.map(({ pattern, asOf }) => {
    let evidence = atTime.get(asOf);
    if (evidence === undefined) {
      evidence = evidenceOf([series], asOf);
      atTime.set(asOf, evidence);
    }
    const found = evidence.find((e) => e.pattern === pattern);
    if (found === undefined) throw new Error(`no evidence for ${pattern}: evidenceOf answers every code`);
    return found;
  });
}
